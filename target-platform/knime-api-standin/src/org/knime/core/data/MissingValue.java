package org.knime.core.data;

/** Implemented by the missing cell; carries the reason why the value is missing, if any. */
public interface MissingValue extends DataValue {
    String getError();
}
