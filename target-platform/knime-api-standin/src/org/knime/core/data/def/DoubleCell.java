package org.knime.core.data.def;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;

/** A double. */
public final class DoubleCell extends DataCell implements DoubleValue {

    private static final long serialVersionUID = 1L;

    public static final DataType TYPE = DataType.getType(DoubleCell.class);

    private final double m_value;

    public DoubleCell(final double value) {
        m_value = value;
    }

    @Override
    public double getDoubleValue() {
        return m_value;
    }

    @Override
    protected boolean equalsDataCell(final DataCell dc) {
        return Double.compare(((DoubleCell)dc).m_value, m_value) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(m_value);
    }

    @Override
    public String toString() {
        return Double.toString(m_value);
    }
}
