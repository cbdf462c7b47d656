package org.knime.core.data;

/** A cell that can be read as a long. */
public interface LongValue extends DataValue {
    long getLongValue();
}
