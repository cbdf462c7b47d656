package org.knime.chem.types;

import org.knime.core.data.DataCell;
import org.knime.core.data.StringValue;

/** Cell holding a SMILES string; create through {@link SmilesCellFactory}. */
public final class SmilesCell extends DataCell implements SmilesValue, StringValue {

    private static final long serialVersionUID = 1L;

    private final String m_smiles;

    SmilesCell(final String smiles) {
        m_smiles = smiles;
    }

    @Override
    public String getSmilesValue() {
        return m_smiles;
    }

    @Override
    public String getStringValue() {
        return m_smiles;
    }

    @Override
    protected boolean equalsDataCell(final DataCell dc) {
        return ((SmilesCell)dc).m_smiles.equals(m_smiles);
    }

    @Override
    public int hashCode() {
        return m_smiles.hashCode();
    }

    @Override
    public String toString() {
        return m_smiles;
    }
}
