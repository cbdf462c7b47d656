package org.knime.core.data;

/** A cell that can be read as an int. */
public interface IntValue extends DataValue {
    int getIntValue();
}
