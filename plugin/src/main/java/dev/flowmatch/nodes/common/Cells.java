package dev.flowmatch.nodes.common;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataType;
import org.knime.core.data.def.BooleanCell;
import org.knime.core.data.def.DoubleCell;

/** Small cell factories the nodes share. */
public final class Cells {

    private Cells() {
    }

    public static BooleanCell bool(final boolean b) {
        return b ? BooleanCell.TRUE : BooleanCell.FALSE;
    }

    /** @return a double cell, or a missing cell for NaN (an undefined metric, e.g. REPA loss without REPA) */
    public static DataCell number(final double v) {
        return Double.isNaN(v) ? DataType.getMissingCell() : new DoubleCell(v);
    }
}
