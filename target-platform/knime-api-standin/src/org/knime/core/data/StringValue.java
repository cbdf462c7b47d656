package org.knime.core.data;

/** A cell that can be read as a string. */
public interface StringValue extends DataValue {
    String getStringValue();
}
