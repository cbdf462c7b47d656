package org.knime.core.data;

/** A cell that can be read as a boolean. */
public interface BooleanValue extends DataValue {
    boolean getBooleanValue();
}
