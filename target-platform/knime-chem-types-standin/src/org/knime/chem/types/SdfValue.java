package org.knime.chem.types;

import org.knime.core.data.DataValue;

/** A molecule as an SD file record (molfile block with optional data items). */
public interface SdfValue extends DataValue {

    String getSdfValue();
}
