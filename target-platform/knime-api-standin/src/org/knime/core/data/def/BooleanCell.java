package org.knime.core.data.def;

import org.knime.core.data.BooleanValue;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataType;

/** A boolean; only the two shared instances exist. */
public final class BooleanCell extends DataCell implements BooleanValue {

    private static final long serialVersionUID = 1L;

    public static final DataType TYPE = DataType.getType(BooleanCell.class);

    public static final BooleanCell TRUE = new BooleanCell(true);

    public static final BooleanCell FALSE = new BooleanCell(false);

    private final boolean m_value;

    private BooleanCell(final boolean value) {
        m_value = value;
    }

    @Override
    public boolean getBooleanValue() {
        return m_value;
    }

    @Override
    protected boolean equalsDataCell(final DataCell dc) {
        return ((BooleanCell)dc).m_value == m_value;
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(m_value);
    }

    @Override
    public String toString() {
        return Boolean.toString(m_value);
    }

    /** Creates boolean cells. */
    public static final class BooleanCellFactory {

        private BooleanCellFactory() {
        }

        public static BooleanCell create(final boolean value) {
            return value ? TRUE : FALSE;
        }
    }
}
