package org.knime.chem.types;

import org.knime.core.data.DataValue;

/** A molecule as a SMILES string (KNIME Base Chemistry Types). */
public interface SmilesValue extends DataValue {

    String getSmilesValue();
}
