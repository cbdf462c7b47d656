package dev.flowmatch.nodes.metrics;

import java.util.List;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.RowKey;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;

import dev.flowmatch.engine.metrics.BondGeometry;

/** The node's bond-geometry outputs: W1 per bond and angle type, and bonded-distance histograms to plot. */
final class BondGeometryTables {

    static final DataTableSpec TYPES_SPEC = new DataTableSpec(
        new DataColumnSpecCreator("Kind", StringCell.TYPE).createSpec(),
        new DataColumnSpecCreator("Type", StringCell.TYPE).createSpec(),
        new DataColumnSpecCreator("Generated count", IntCell.TYPE).createSpec(),
        new DataColumnSpecCreator("Reference count", IntCell.TYPE).createSpec(),
        new DataColumnSpecCreator("W1", DoubleCell.TYPE).createSpec(),
        new DataColumnSpecCreator("Generated mean", DoubleCell.TYPE).createSpec(),
        new DataColumnSpecCreator("Reference mean", DoubleCell.TYPE).createSpec());

    static final DataTableSpec HISTOGRAM_SPEC = new DataTableSpec(
        new DataColumnSpecCreator("Element pair", StringCell.TYPE).createSpec(),
        new DataColumnSpecCreator("From (Å)", DoubleCell.TYPE).createSpec(),
        new DataColumnSpecCreator("To (Å)", DoubleCell.TYPE).createSpec(),
        new DataColumnSpecCreator("Generated", IntCell.TYPE).createSpec(),
        new DataColumnSpecCreator("Reference", IntCell.TYPE).createSpec());

    private BondGeometryTables() {
    }

    /** @param comparison null when there is no 3D reference: an empty table */
    static BufferedDataTable types(final BondGeometry.Comparison comparison, final ExecutionContext exec) {
        var out = exec.createDataContainer(TYPES_SPEC);
        if (comparison != null) {
            int row = 0;
            for (var t : comparison.types()) {
                out.addRowToTable(new DefaultRow(RowKey.createRowKey((long)row++), new StringCell(t.kind()),
                    new StringCell(t.type()), new IntCell(t.generated()), new IntCell(t.reference()), number(t.w1()),
                    number(t.generatedMean()), number(t.referenceMean())));
            }
        }
        out.close();
        return out.getTable();
    }

    static BufferedDataTable histograms(final List<BondGeometry.HistogramBin> bins, final ExecutionContext exec) {
        var out = exec.createDataContainer(HISTOGRAM_SPEC);
        int row = 0;
        for (var b : bins) {
            out.addRowToTable(new DefaultRow(RowKey.createRowKey((long)row++), new StringCell(b.pair()),
                new DoubleCell(b.from()), new DoubleCell(b.to()), new IntCell(b.generated()),
                new IntCell(b.reference())));
        }
        out.close();
        return out.getTable();
    }

    private static DataCell number(final double v) {
        return Double.isNaN(v) ? DataType.getMissingCell() : new DoubleCell(v);
    }
}
