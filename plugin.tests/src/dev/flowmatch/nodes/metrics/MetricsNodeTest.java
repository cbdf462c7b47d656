package dev.flowmatch.nodes.metrics;

import static dev.flowmatch.nodes.NodeTables.cell;
import static dev.flowmatch.nodes.NodeTables.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.knime.core.data.BooleanValue;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.IntValue;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.InvalidSettingsException;
import dev.flowmatch.nodes.NodeDriver;

import dev.flowmatch.engine.chem.AtomVocabulary;
import dev.flowmatch.engine.chem.PointCloud;
import dev.flowmatch.engine.chem.Reconstruction;
import dev.flowmatch.engine.metrics.DistributionMetrics;
import dev.flowmatch.nodes.common.MoleculeCells;
import dev.flowmatch.nodes.NodeTables;

/** Distribution Metrics through the stand-in against cases with known answers. */
class MetricsNodeTest {

    private static double value(final BufferedDataTable t, final String column) {
        return ((DoubleValue)cell(t, 0, column)).getDoubleValue();
    }

    @Test
    void aSetAgainstItselfIsValidUniqueNotNovelAndAtZeroDistance() throws Exception {
        var gen = NodeTables.smiles(NodeTables.SMALL);
        var ref = NodeTables.smiles(NodeTables.SMALL);
        var d = NodeDriver.of(new MetricsNodeFactory());
        d.configure(gen.getDataTableSpec(), ref.getDataTableSpec());
        var out = d.execute(gen, ref);
        var m = (BufferedDataTable)out[0];
        assertEquals(1, m.size());
        assertEquals(16, ((IntValue)cell(m, 0, "Molecules")).getIntValue());
        assertEquals(1.0, value(m, "Validity"), 0);
        assertEquals(1.0, value(m, "Uniqueness"), 0);
        assertEquals(0.0, value(m, "Novelty"), 0);
        assertEquals(0.0, value(m, "Fréchet distance (ECFP4-256)"), 1e-6);
        // the unbiased MMD² of a set against itself is below 0: the cross term includes the pairs (x, x)
        assertTrue(value(m, "MMD² (Tanimoto, ECFP4)") < 0, "MMD² " + value(m, "MMD² (Tanimoto, ECFP4)"));
        assertEquals(1.0, value(m, "SNN"), 1e-9);
        assertTrue(cell(m, 0, "Geometry OK").isMissing(), "SMILES have no 3D: geometry undefined");
        var why = ((org.knime.core.data.MissingValue)cell(m, 0, "Geometry OK")).getError();
        assertEquals("no generated molecule has 3D coordinates", why, "the missing cell says why");
        var names = DistributionMetrics.names(true, null, true);
        assertEquals(names.size(), m.getDataTableSpec().getNumColumns(), "configure's spec = the metric names");
    }

    @Test
    void encoderEmbeddingAndOptionalReferenceAndBadRows() throws Exception {
        var gen = NodeTables.smiles(Arrays.asList("CCO", null, "C1CC(", "CCO", "c1ccccc1"));
        var d = NodeDriver.of(new MetricsNodeFactory());
        d.configure(gen.getDataTableSpec(), null);
        set(d, "bootstrap", 200);
        var m = (BufferedDataTable)d.execute(gen, null)[0];
        assertEquals(3, ((IntValue)cell(m, 0, "Molecules")).getIntValue(), "missing and unreadable rows left out");
        assertEquals(2.0 / 3, value(m, "Uniqueness"), 1e-9);
        assertFalse(m.getDataTableSpec().containsName("SNN"), "no reference, no reference metrics");
        assertTrue(value(m, "Validity low") <= 1 && value(m, "Validity high") == 1.0);
        assertTrue(d.getWarningMessage().contains("Row1") && d.getWarningMessage().contains("Row2"),
            d.getWarningMessage());
        var checks = (BufferedDataTable)d.execute(gen, null)[1];
        assertEquals(5, checks.size(), "every generated row is kept in the checks table");
        assertTrue(((BooleanValue)cell(checks, 0, "Valid")).getBooleanValue());
        assertEquals("missing or unreadable molecule", cell(checks, 2, "Problem").toString());

        var ref = NodeTables.smiles(List.of("CCN", "CCC", "OCCO", "c1ccncc1"));
        var d2 = NodeDriver.of(new MetricsNodeFactory());
        d2.configure(gen.getDataTableSpec(), ref.getDataTableSpec());
        set(d2, "embedding", "ENCODER");
        set(d2, "encoder/kind", "MPNN");
        var m2 = (BufferedDataTable)d2.execute(gen, ref)[0];
        assertTrue(value(m2, "Fréchet distance (MPNN)") > 0);
        assertEquals(1.0, value(m2, "Novelty"), 0);

        set(d2, "distances", false);
        var m3 = (BufferedDataTable)d2.execute(gen, ref)[0];
        assertFalse(m3.getDataTableSpec().containsName("SNN"), "distances deselected");
        assertEquals(1.0, value(m3, "Novelty"), 0, "novelty still against the reference");
        var same = NodeTables.smiles(List.of("CCO", "OCC"));
        var ethanol = (BufferedDataTable)d2.execute(same, NodeTables.smiles(List.of("CCO")))[0];
        assertEquals(0.0, value(ethanol, "Novelty"), 0, "ethanol written two ways is not novel");
    }

    /**
     * A molecule above the size any node takes (1,024 atoms with hydrogens; CDK's recursive searches could exhaust a
     * worker's stack) in the reference table is named with its size and left out, as any unusable row.
     */
    @Test
    void aMoleculeTooLargeForTheNodesIsNamedAndLeftOut() throws Exception {
        var gen = NodeTables.smiles(List.of("CCO", "c1ccccc1"));
        var ref = NodeTables.smiles(List.of("CCN", "C".repeat(1100), "OCCO"));
        var d = NodeDriver.of(new MetricsNodeFactory());
        d.configure(gen.getDataTableSpec(), ref.getDataTableSpec());
        var m = (BufferedDataTable)d.execute(gen, ref)[0];
        assertEquals(2, ((IntValue)cell(m, 0, "Molecules")).getIntValue());
        var w = d.getWarningMessage();
        assertTrue(w != null && w.contains("1 of 3 rows of the reference table were not used") && w.contains("Row1")
            && w.contains("too large") && w.contains("3,302 atoms"), w);
    }

    /** Ethylene as an SDF record (bonds perceived), its C=C stretched to the given length in Å. */
    private static String ethylene(final double cc) {
        double hx = 1.09 * Math.cos(Math.toRadians(60));
        double hy = 1.09 * Math.sin(Math.toRadians(60));
        float[] xyz = {0, 0, 0, (float)cc, 0, 0, (float)-hx, (float)hy, 0, (float)-hx, (float)-hy, 0,
            (float)(cc + hx), (float)hy, 0, (float)(cc + hx), (float)-hy, 0};
        var v = AtomVocabulary.parse(List.of("H", "C"));
        return Reconstruction.rebuild(new PointCloud(new int[]{1, 1, 0, 0, 0, 0}, xyz, "ethylene"), v, true).sdf();
    }

    private static BufferedDataTable sdf(final String... records) {
        var spec = new DataTableSpec(new DataColumnSpecCreator("Molecule", MoleculeCells.SDF_TYPE).createSpec());
        var rows = new DataRow[records.length];
        for (int i = 0; i < records.length; i++) {
            rows[i] = new DefaultRow("Row" + i, MoleculeCells.sdfCell(records[i]));
        }
        return NodeDriver.createTable(spec, rows);
    }

    /**
     * A C=C bond stretched 9 pm is unstable by EDM's rule (a single bond by its length) but stable by perceived
     * bonds; against unstretched ethylene the bond-length W1 is half the stretch (one of two C=C bonds moved).
     */
    @Test
    void edmStabilityAndBondGeometryOfThreeDMolecules() throws Exception {
        var gen = sdf(ethylene(1.42), ethylene(1.33));
        var ref = sdf(ethylene(1.33), ethylene(1.33));
        var d = NodeDriver.of(new MetricsNodeFactory());
        var specs = d.configure(gen.getDataTableSpec(), ref.getDataTableSpec());
        var out = d.execute(gen, ref);
        var m = (BufferedDataTable)out[0];
        assertEquals(0.5, value(m, DistributionMetrics.MOLECULE_STABILITY_EDM), 0);
        assertEquals(10 / 12.0, value(m, DistributionMetrics.ATOM_STABILITY_EDM), 1e-12);
        assertEquals(1.0, value(m, DistributionMetrics.MOLECULE_STABILITY_PERCEIVED), 0);
        assertEquals(0.045, value(m, DistributionMetrics.BOND_LENGTH_W1), 1e-5);
        assertEquals(0.0, value(m, "Molecules EDM's rule cannot judge"), 0);
        var checks = (BufferedDataTable)out[1];
        assertFalse(((BooleanValue)cell(checks, 0, "Stable (EDM)")).getBooleanValue());
        assertTrue(((BooleanValue)cell(checks, 0, "Stable (perceived bonds)")).getBooleanValue());
        assertEquals(4, ((IntValue)cell(checks, 0, "Stable atoms (EDM)")).getIntValue());
        assertTrue(((BooleanValue)cell(checks, 1, "Stable (EDM)")).getBooleanValue());

        var types = (BufferedDataTable)out[2];
        assertTrue(((DataTableSpec)specs[2]).equalStructure(types.getDataTableSpec()), "configure's spec");
        var cc = NodeTables.rows(types).stream().filter(r -> r.getCell(1).toString().equals("C=C")).findFirst()
            .orElseThrow();
        assertEquals(2, ((IntValue)cc.getCell(2)).getIntValue());
        assertEquals(0.045, ((DoubleValue)cc.getCell(4)).getDoubleValue(), 1e-5);
        var histogram = NodeTables.rows((BufferedDataTable)out[3]);
        int generated = 0;
        int reference = 0;
        for (var r : histogram) {
            if (r.getCell(0).toString().equals("C-C")) {
                generated += ((IntValue)r.getCell(3)).getIntValue();
                reference += ((IntValue)r.getCell(4)).getIntValue();
            }
        }
        assertEquals(2, generated);
        assertEquals(2, reference);

        var noReference = d.execute(gen, null);
        assertEquals(0, ((BufferedDataTable)noReference[2]).size(), "no reference: no W1 per type");
        assertTrue(((BufferedDataTable)noReference[3]).size() > 0, "the generated histogram alone");
    }

    @Test
    void wrongColumnIsNamed() throws Exception {
        var numbers = NodeTables.numbers(1);
        var gen = NodeTables.smiles(List.of("CCO"));
        var d = NodeDriver.of(new MetricsNodeFactory());
        d.configure(gen.getDataTableSpec(), null);
        set(d, "referenceColumn", "Value");
        var e = assertThrows(InvalidSettingsException.class,
            () -> d.configure(gen.getDataTableSpec(), numbers.getDataTableSpec()));
        assertTrue(e.getMessage().contains("Reference molecule column"), e.getMessage());
    }
}
