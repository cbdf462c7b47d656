package org.knime.core.data;

import java.io.Serializable;

/** Immutable value in one table cell. Equality is by content, decided by the concrete cell. */
public abstract class DataCell implements DataValue, Serializable {

    private static final long serialVersionUID = 1L;

    /** @return true for the missing cell */
    public final boolean isMissing() {
        return this instanceof MissingValue;
    }

    /** Content equality; only called with a cell of the same class. */
    protected abstract boolean equalsDataCell(DataCell dc);

    @Override
    public final boolean equals(final Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || o.getClass() != getClass()) {
            return false;
        }
        return equalsDataCell((DataCell)o);
    }

    @Override
    public abstract int hashCode();

    @Override
    public abstract String toString();

    /** @return the type of this cell */
    public DataType getType() {
        return DataType.getType(getClass());
    }
}
