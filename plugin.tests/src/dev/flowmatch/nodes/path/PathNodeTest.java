package dev.flowmatch.nodes.path;

import static dev.flowmatch.nodes.NodeTables.cell;
import static dev.flowmatch.nodes.NodeTables.set;
import static dev.flowmatch.nodes.NodeTables.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.InvalidSettingsException;
import dev.flowmatch.nodes.NodeDriver;

import dev.flowmatch.nodes.NodeTables;
import dev.flowmatch.nodes.common.VectorCells;

/** Build Probability Path against closed forms of the CondOT path. */
class PathNodeTest {

    static BufferedDataTable points(final double[][] xy) {
        var spec = new DataTableSpec(new DataColumnSpecCreator("Point", VectorCells.TYPE).createSpec());
        var rows = new ArrayList<DataRow>();
        for (int i = 0; i < xy.length; i++) {
            rows.add(new DefaultRow("Row" + i, xy[i] == null ? DataType.getMissingCell() : VectorCells.cell(xy[i])));
        }
        return NodeDriver.createTable(spec, rows.toArray(DataRow[]::new));
    }

    @Test
    void condOtSamplesOfVectorsAreStraightLines() throws Exception {
        var data = new double[][]{{2, -1}, {0.5, 3}, {-4, 0}, {1, 1}};
        var in = points(data);
        var d = NodeDriver.of(new PathNodeFactory());
        d.configure(in.getDataTableSpec());
        set(d, "samplesPerMolecule", 3);
        var out = (BufferedDataTable)d.execute(in)[0];
        assertEquals(12, out.size());
        var rows = NodeTables.rows(out);
        for (int r = 0; r < rows.size(); r++) {
            int src = Integer.parseInt(rows.get(r).getCell(0).toString().substring(3));
            double t = ((DoubleCell)rows.get(r).getCell(1)).getDoubleValue();
            var x0 = vector(rows.get(r).getCell(2));
            var xt = vector(rows.get(r).getCell(3));
            var u = vector(rows.get(r).getCell(4));
            for (int k = 0; k < 2; k++) {
                assertEquals(t * data[src][k] + (1 - t) * x0[k], xt[k], 1e-5, "x_t of row " + r);
                assertEquals(data[src][k] - x0[k], u[k], 1e-5, "target of row " + r);
            }
            assertTrue(rows.get(r).getCell(5).isMissing(), "vectors have no atom types");
        }
        var again = (BufferedDataTable)d.execute(in)[0];
        assertEquals(NodeTables.rows(out).get(5).getCell(2), NodeTables.rows(again).get(5).getCell(2), "seeded");
    }

    @Test
    void moleculeSamplesKeepAtomTypesAndCentredNoise() throws Exception {
        var in = NodeTables.smiles(Arrays.asList("CCO", null, "C#N"));
        var d = NodeDriver.of(new PathNodeFactory());
        d.configure(in.getDataTableSpec());
        set(d, "scheduler", "COND_OT");
        set(d, "coupling", "ALIGNED");
        var out = (BufferedDataTable)d.execute(in)[0];
        assertEquals(2, out.size());
        assertTrue(d.getWarningMessage().contains("Row1"), d.getWarningMessage());
        var types = cell(out, 0, "Atom types").toString();
        assertEquals("[C, C, O, H, H, H, H, H, H]".length(), types.length(), types);
        var x0 = vector(cell(out, 0, "x0"));
        assertEquals(27, x0.length);
        for (int k = 0; k < 3; k++) {
            double mean = 0;
            for (int a = 0; a < 9; a++) {
                mean += x0[3 * a + k] / 9;
            }
            assertEquals(0, mean, 1e-4, "noise is centred (axis " + k + ")");
        }
        var x1 = new double[27];
        var xt = vector(cell(out, 0, "x_t"));
        var u = vector(cell(out, 0, "Target"));
        double t = ((DoubleCell)cell(out, 0, "t")).getDoubleValue();
        for (int k = 0; k < 27; k++) { // CondOT: x1 = x0 + u, and x_t = x0 + t u
            x1[k] = x0[k] + u[k];
            assertEquals(x0[k] + t * u[k], xt[k], 1e-4);
        }
        for (int a = 0; a < 9; a++) { // x1 recovered from the sample is the molecule: every atom is bonded
            double nearest = Double.MAX_VALUE;
            for (int b = 0; b < 9; b++) {
                if (a != b) {
                    nearest = Math.min(nearest, Math.sqrt(Math.pow(x1[3 * a] - x1[3 * b], 2)
                        + Math.pow(x1[3 * a + 1] - x1[3 * b + 1], 2) + Math.pow(x1[3 * a + 2] - x1[3 * b + 2], 2)));
                }
            }
            assertTrue(nearest > 0.9 && nearest < 1.6, "atom " + a + ": nearest neighbour at " + nearest + " Å");
        }
    }

    /** A salt gives path samples of its parent compound, named in the warning; "Keep all fragments" keeps the ion. */
    @Test
    void saltsGivePathSamplesOfTheirParentCompound() throws Exception {
        var in = NodeTables.smiles(Arrays.asList("[Na+].[O-]C(=O)C", "CCO"));
        var d = NodeDriver.of(new PathNodeFactory());
        d.configure(in.getDataTableSpec());
        var out = (BufferedDataTable)d.execute(in)[0];
        assertEquals(2, out.size());
        var types = cell(out, 0, "Atom types").toString();
        assertFalse(types.contains("Na"), types);
        assertTrue(d.getWarningMessage().contains("Row0") && d.getWarningMessage().contains("removed [Na+]"),
            d.getWarningMessage());
        set(d, "keepFragments", true);
        var all = (BufferedDataTable)d.execute(in)[0];
        assertTrue(cell(all, 0, "Atom types").toString().contains("Na"), "kept on request");
    }

    @Test
    void marginalFieldGridAndItsLimits() throws Exception {
        var in = points(new double[][]{{1, 1}, {-1, 2}, {3, -2}});
        var d = NodeDriver.of(new PathNodeFactory());
        d.configure(in.getDataTableSpec());
        set(d, "marginalField", true);
        set(d, "gridPoints", 5);
        set(d, "gridTimes", 3);
        var grid = (BufferedDataTable)d.execute(in)[1];
        assertEquals(75, grid.size());
        // at t = 0 the CondOT marginal field is E[x1] − x
        for (var row : NodeTables.rows(grid).subList(0, 25)) {
            double x = ((DoubleCell)row.getCell(1)).getDoubleValue();
            assertEquals(1.0 - x, ((DoubleCell)row.getCell(3)).getDoubleValue(), 1e-4);
        }
        set(d, "coupling", "ALIGNED");
        var e = assertThrows(InvalidSettingsException.class, () -> d.configure(in.getDataTableSpec()));
        assertTrue(e.getMessage().contains("Coupling"), e.getMessage());
    }

    @Test
    void inconsistentVectorsAndWrongColumns() throws Exception {
        var in = points(new double[][]{{1, 2}, {1, 2, 3}, null, {0, 0}});
        var d = NodeDriver.of(new PathNodeFactory());
        d.configure(in.getDataTableSpec());
        var out = (BufferedDataTable)d.execute(in)[0];
        assertEquals(2, out.size());
        assertTrue(d.getWarningMessage().startsWith("2 of 4 rows"), d.getWarningMessage());

        var text = NodeDriver.createTable(new DataTableSpec(
            new DataColumnSpecCreator("Note", StringCell.TYPE).createSpec()),
            new DefaultRow("Row0", new StringCell("not a molecule")));
        var d2 = NodeDriver.of(new PathNodeFactory());
        d2.configure(text.getDataTableSpec());
        var empty = (BufferedDataTable)d2.execute(text)[0];
        assertEquals(0, empty.size());
        assertTrue(d2.getWarningMessage().contains("Row0"), d2.getWarningMessage());
        var none = NodeTables.smiles(List.of());
        var d3 = NodeDriver.of(new PathNodeFactory());
        d3.configure(none.getDataTableSpec());
        assertEquals(0, ((BufferedDataTable)d3.execute(none)[0]).size(), "an empty table gives an empty table");
        set(d2, "inputColumn", "Missing");
        assertThrows(InvalidSettingsException.class, () -> d2.configure(text.getDataTableSpec()));
    }
}
