package org.knime.chem.types;

import org.knime.core.data.DataValue;

/** A molecule as an MDL molfile block. */
public interface MolValue extends DataValue {

    String getMolValue();
}
