package dev.flowmatch.nodes.common;

import java.util.ArrayList;
import java.util.List;

import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DoubleValue;
import org.knime.core.node.InvalidSettingsException;

/**
 * Property values of a row, as the learner's condition columns and the sampler's targets table hold them: one
 * number per column, NaN where the cell is missing or not finite (that row then goes without its condition), and
 * the columns' type checked once, by name.
 */
public final class ConditionCells {

    private ConditionCells() {
    }

    /**
     * @param where what the message names first, e.g. {@code Setting "Condition columns"} or {@code Targets table}
     * @throws InvalidSettingsException when the column is not numeric
     */
    public static void requireNumeric(final DataTableSpec spec, final int column, final String where)
        throws InvalidSettingsException {
        var c = spec.getColumnSpec(column);
        if (!c.getType().isCompatible(DoubleValue.class)) {
            throw new InvalidSettingsException(where + ": column \"" + c.getName() + "\" is not numeric (it is "
                + c.getType() + ").");
        }
    }

    /**
     * @param names what to call each column in the note
     * @param withoutValue receives the row with "no value in A, B" when any value is missing
     * @return the row's values in the columns' order, NaN where missing
     */
    public static double[] read(final DataRow row, final int[] columns, final List<String> names,
        final RowProblems withoutValue) {
        var out = new double[columns.length];
        var missing = new ArrayList<String>();
        for (int k = 0; k < columns.length; k++) {
            var cell = row.getCell(columns[k]);
            out[k] = cell.isMissing() ? Double.NaN : ((DoubleValue)cell).getDoubleValue();
            if (!Double.isFinite(out[k])) {
                out[k] = Double.NaN;
                missing.add(names.get(k));
            }
        }
        if (!missing.isEmpty()) {
            withoutValue.add(row.getKey(), "no value in " + String.join(", ", missing));
        }
        return out;
    }
}
