package org.knime.chem.types;

import java.util.Objects;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataType;

/** Creates SMILES cells; {@link #TYPE} is the column type. */
public final class SmilesCellFactory {

    public static final DataType TYPE = DataType.getType(SmilesCell.class);

    private SmilesCellFactory() {
    }

    public static DataCell create(final String smiles) {
        return new SmilesCell(Objects.requireNonNull(smiles, "smiles"));
    }
}
