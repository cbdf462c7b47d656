package org.knime.core.data;

import java.util.Objects;

/** Name and type of one column. Create with {@link DataColumnSpecCreator}. */
public final class DataColumnSpec {

    private final String m_name;

    private final DataType m_type;

    DataColumnSpec(final String name, final DataType type) {
        m_name = name;
        m_type = type;
    }

    public String getName() {
        return m_name;
    }

    public DataType getType() {
        return m_type;
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof DataColumnSpec other && other.m_name.equals(m_name) && other.m_type.equals(m_type);
    }

    @Override
    public int hashCode() {
        return Objects.hash(m_name, m_type);
    }

    @Override
    public String toString() {
        return m_name + " (" + m_type + ")";
    }
}
