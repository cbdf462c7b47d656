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
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.InvalidSettingsException;
import dev.flowmatch.nodes.NodeDriver;

import dev.flowmatch.engine.metrics.DistributionMetrics;
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
