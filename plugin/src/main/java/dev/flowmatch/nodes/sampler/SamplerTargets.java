package dev.flowmatch.nodes.sampler;

import java.util.ArrayList;
import java.util.List;

import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.InvalidSettingsException;

import dev.flowmatch.engine.train.Conditions;
import dev.flowmatch.nodes.common.ConditionCells;
import dev.flowmatch.nodes.common.RowProblems;

/**
 * The sampler's optional targets table: one row per molecule to generate, holding the property values asked for
 * in columns named as the model's conditions. Rows with a missing value are sampled unconditionally; values
 * outside the training range are extrapolation; both are named in the node's warning.
 *
 * @param values per row the values in the model's condition order (NaN where missing)
 * @param warnings rows sampled without their targets, and rows outside the training range
 */
record SamplerTargets(double[][] values, String warnings) {

    /** @return the output columns that repeat the targets: "NAME (target)" */
    static List<DataColumnSpec> outputColumns(final List<String> conditions) {
        var out = new ArrayList<DataColumnSpec>();
        for (var name : conditions) {
            out.add(new DataColumnSpecCreator(name + " (target)", DoubleCell.TYPE).createSpec());
        }
        return out;
    }

    /**
     * @return the indices of the condition columns in the targets table
     * @throws InvalidSettingsException naming the model's conditions the table lacks, or a column that is not
     *             numeric, or a model that takes no conditions
     */
    static int[] columns(final DataTableSpec targets, final List<String> conditions) throws InvalidSettingsException {
        if (conditions.isEmpty()) {
            throw new InvalidSettingsException("The model is not conditioned on properties: it takes no targets table"
                + " (disconnect it, or train the learner with condition columns).");
        }
        var out = new int[conditions.size()];
        var missing = new ArrayList<String>();
        for (int k = 0; k < out.length; k++) {
            out[k] = targets.findColumnIndex(conditions.get(k));
            if (out[k] < 0) {
                missing.add(conditions.get(k));
            } else {
                ConditionCells.requireNumeric(targets, out[k], "Targets table");
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidSettingsException("Targets table: the model is conditioned on " + conditions
                + "; the table lacks " + String.join(", ", missing) + ".");
        }
        return out;
    }

    /** @param conditions the model's, or null for an unconditional model (refused with a message) */
    static SamplerTargets read(final BufferedDataTable table, final Conditions conditions)
        throws InvalidSettingsException {
        var cols = columns(table.getDataTableSpec(), conditions == null ? List.of() : conditions.names());
        var values = new ArrayList<double[]>();
        var unconditioned = new RowProblems();
        var outside = new RowProblems();
        try (var it = table.iterator()) {
            while (it.hasNext()) {
                var row = it.next();
                int before = unconditioned.count();
                var v = ConditionCells.read(row, cols, conditions.names(), unconditioned);
                if (unconditioned.count() == before) { // complete: is it inside the training range?
                    var far = conditions.outsideRange(v);
                    if (!far.isEmpty()) {
                        outside.add(row.getKey(), String.join(", ", far));
                    }
                }
                values.add(v);
            }
        }
        long n = values.size();
        return new SamplerTargets(values.toArray(double[][]::new), RowProblems.join(
            unconditioned.warning(n, "were sampled without targets"),
            outside.warning(n, "ask for values outside the training range (extrapolation)")));
    }
}
