package org.knime.chem.types;

import java.util.Objects;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataType;

/** Creates SDF cells; {@link #TYPE} is the column type. */
public final class SdfCellFactory {

    public static final DataType TYPE = DataType.getType(SdfCell.class);

    private SdfCellFactory() {
    }

    /** @param sdf one record; KNIME appends the "$$$$" terminator when it is missing */
    public static DataCell create(final String sdf) {
        var s = Objects.requireNonNull(sdf, "sdf");
        return new SdfCell(s.stripTrailing().endsWith("$$$$") ? s : s.stripTrailing() + "\n$$$$\n");
    }
}
