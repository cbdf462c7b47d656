package org.knime.core.data;

/** The missing value, optionally with a reason (shown to users as the cell's tooltip in KNIME). */
public final class MissingCell extends DataCell implements MissingValue {

    private static final long serialVersionUID = 1L;

    private final String m_error;

    public MissingCell(final String error) {
        m_error = error;
    }

    @Override
    public String getError() {
        return m_error;
    }

    @Override
    protected boolean equalsDataCell(final DataCell dc) {
        return true;
    }

    @Override
    public int hashCode() {
        return 0;
    }

    @Override
    public String toString() {
        return "?";
    }

    @Override
    public DataType getType() {
        return DataType.getType(DataCell.class);
    }
}
