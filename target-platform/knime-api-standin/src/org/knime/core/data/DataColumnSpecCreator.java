package org.knime.core.data;

/** Builder for {@link DataColumnSpec}. */
public final class DataColumnSpecCreator {

    private String m_name;

    private DataType m_type;

    public DataColumnSpecCreator(final String name, final DataType type) {
        setName(name);
        m_type = type;
    }

    public DataColumnSpecCreator(final DataColumnSpec spec) {
        this(spec.getName(), spec.getType());
    }

    public void setName(final String name) {
        if (name == null || name.trim().isEmpty()) {
            throw new IllegalArgumentException("Column name must not be empty.");
        }
        m_name = name;
    }

    public void setType(final DataType type) {
        m_type = type;
    }

    public DataColumnSpec createSpec() {
        if (m_type == null) {
            throw new IllegalArgumentException("Column type must not be null.");
        }
        return new DataColumnSpec(m_name, m_type);
    }
}
