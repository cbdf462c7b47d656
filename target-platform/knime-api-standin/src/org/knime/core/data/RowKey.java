package org.knime.core.data;

import java.util.Objects;

/** Unique identifier of a row within a table. */
public final class RowKey {

    private final String m_id;

    public RowKey(final String id) {
        m_id = Objects.requireNonNull(id, "row key");
    }

    /** @return KNIME's default key for the row at the given index, "Row0", "Row1", ... */
    public static RowKey createRowKey(final long rowIndex) {
        return new RowKey("Row" + rowIndex);
    }

    public String getString() {
        return m_id;
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof RowKey other && other.m_id.equals(m_id);
    }

    @Override
    public int hashCode() {
        return m_id.hashCode();
    }

    @Override
    public String toString() {
        return m_id;
    }
}
