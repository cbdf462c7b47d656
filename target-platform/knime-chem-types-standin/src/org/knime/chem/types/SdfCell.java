package org.knime.chem.types;

import org.knime.core.data.DataCell;
import org.knime.core.data.StringValue;

/** Cell holding one SD record; create through {@link SdfCellFactory}. */
public final class SdfCell extends DataCell implements SdfValue, StringValue {

    private static final long serialVersionUID = 1L;

    private final String m_sdf;

    SdfCell(final String sdf) {
        m_sdf = sdf;
    }

    @Override
    public String getSdfValue() {
        return m_sdf;
    }

    @Override
    public String getStringValue() {
        return m_sdf;
    }

    @Override
    protected boolean equalsDataCell(final DataCell dc) {
        return ((SdfCell)dc).m_sdf.equals(m_sdf);
    }

    @Override
    public int hashCode() {
        return m_sdf.hashCode();
    }

    @Override
    public String toString() {
        return m_sdf;
    }
}
