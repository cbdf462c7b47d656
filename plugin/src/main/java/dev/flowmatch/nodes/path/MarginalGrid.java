package dev.flowmatch.nodes.path;

import java.util.List;

import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.RowKey;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;

import ai.djl.Device;
import ai.djl.ndarray.types.Shape;
import dev.flowmatch.engine.compute.TorchRuntime;
import dev.flowmatch.engine.flow.HostArrays;
import dev.flowmatch.engine.flow.MarginalField;

/**
 * The exact marginal velocity field u_t(x) = E[u_t(x | x1) | x_t = x] of a finite 2-D data set on a regular
 * grid, at a few times: what a perfectly trained network would learn, for teaching plots.
 */
final class MarginalGrid {

    private MarginalGrid() {
    }

    static DataTableSpec spec() {
        return new DataTableSpec(new DataColumnSpecCreator("t", DoubleCell.TYPE).createSpec(),
            new DataColumnSpecCreator("x", DoubleCell.TYPE).createSpec(),
            new DataColumnSpecCreator("y", DoubleCell.TYPE).createSpec(),
            new DataColumnSpecCreator("u", DoubleCell.TYPE).createSpec(),
            new DataColumnSpecCreator("v", DoubleCell.TYPE).createSpec());
    }

    /** The grid spans the data's bounding box widened by three noise standard deviations. */
    static void write(final List<float[]> data, final PathNodeParameters s, final BufferedDataContainer out,
        final ExecutionContext exec) throws CanceledExecutionException {
        double lo0 = Double.POSITIVE_INFINITY;
        double hi0 = Double.NEGATIVE_INFINITY;
        double lo1 = Double.POSITIVE_INFINITY;
        double hi1 = Double.NEGATIVE_INFINITY;
        var flat = new float[2 * data.size()];
        for (int i = 0; i < data.size(); i++) {
            flat[2 * i] = data.get(i)[0];
            flat[2 * i + 1] = data.get(i)[1];
            lo0 = Math.min(lo0, flat[2 * i]);
            hi0 = Math.max(hi0, flat[2 * i]);
            lo1 = Math.min(lo1, flat[2 * i + 1]);
            hi1 = Math.max(hi1, flat[2 * i + 1]);
        }
        lo0 = Math.min(lo0, -3);
        lo1 = Math.min(lo1, -3);
        hi0 = Math.max(hi0, 3);
        hi1 = Math.max(hi1, 3);
        int g = s.m_gridPoints;
        var query = new float[2 * g * g];
        for (int a = 0; a < g; a++) {
            for (int b = 0; b < g; b++) {
                query[2 * (a * g + b)] = (float)(lo0 + (hi0 - lo0) * a / (g - 1));
                query[2 * (a * g + b) + 1] = (float)(lo1 + (hi1 - lo1) * b / (g - 1));
            }
        }
        long row = 0;
        try (var m = TorchRuntime.newManager(Device.cpu())) {
            var field = MarginalField.of(s.path().createScheduler(), m.create(flat, new Shape(data.size(), 2)));
            var x = m.create(query, new Shape(g * g, 2));
            for (int k = 0; k < s.m_gridTimes; k++) {
                exec.checkCanceled();
                double t = s.m_gridTimes == 1 ? 0.5 : 0.95 * k / (s.m_gridTimes - 1);
                try (var scope = m.newSubManager()) {
                    var u = field.field().velocity(x, t);
                    scope.tempAttachAll(u);
                    var v = HostArrays.floats(u);
                    for (int q = 0; q < g * g; q++) {
                        out.addRowToTable(new DefaultRow(RowKey.createRowKey(row++), new DoubleCell(t),
                            new DoubleCell(query[2 * q]), new DoubleCell(query[2 * q + 1]), new DoubleCell(v[2 * q]),
                            new DoubleCell(v[2 * q + 1])));
                    }
                }
            }
        }
    }
}
