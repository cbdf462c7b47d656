package org.knime.core.data;

/** A cell that can be read as a double. */
public interface DoubleValue extends DataValue {
    double getDoubleValue();
}
