package dev.flowmatch.nodes.embed;

import static dev.flowmatch.nodes.NodeTables.cell;
import static dev.flowmatch.nodes.NodeTables.set;
import static dev.flowmatch.nodes.NodeTables.vector;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.InvalidSettingsException;
import dev.flowmatch.nodes.NodeDriver;

import dev.flowmatch.engine.chem.MoleculeReaders;
import dev.flowmatch.engine.encoder.CountFingerprintEncoder;
import dev.flowmatch.nodes.NodeTables;

/** Frozen Encoder Embed through the stand-in, with the real encoders underneath. */
class EmbedNodeTest {

    private static NodeDriver<EmbedNodeModel> driver(final BufferedDataTable in) throws Exception {
        var d = NodeDriver.of(new EmbedNodeFactory());
        d.configure(in.getDataTableSpec()); // picks the molecule column, as a new node in KNIME does
        return d;
    }

    @Test
    void ecfpVectorsEqualTheEncodersAndBadRowsGetMissingCells() throws Exception {
        var in = NodeTables.smiles(Arrays.asList("CCO", null, "C1CC(", "c1ccccc1"));
        var d = driver(in);
        set(d, "encoder/kind", "ECFP");
        set(d, "encoder/ecfpLength", 64);
        var out = (BufferedDataTable)d.execute(in)[0];
        assertEquals("ECFP4-64 embedding", out.getDataTableSpec().getColumnSpec(2).getName());
        var enc = new CountFingerprintEncoder(2, 64);
        for (int row : new int[]{0, 3}) {
            var smiles = row == 0 ? "CCO" : "c1ccccc1";
            var mol = MoleculeReaders.smiles(new java.io.StringReader(smiles)).findFirst().orElseThrow().molecule();
            var expected = enc.embed(List.of(mol))[0];
            var got = vector(cell(out, row, "ECFP4-64 embedding"));
            assertEquals(expected.length, got.length);
            for (int k = 0; k < got.length; k++) {
                assertEquals(expected[k], got[k], 0, "bin " + k + " of row " + row);
            }
        }
        assertTrue(cell(out, 1, "ECFP4-64 embedding").isMissing());
        assertTrue(cell(out, 2, "ECFP4-64 embedding").isMissing());
        var w = d.getWarningMessage();
        assertNotNull(w);
        assertTrue(w.startsWith("2 of 4 rows"), w);
        assertTrue(w.contains("Row1") && w.contains("missing") && w.contains("Row2"), w);
        assertEquals("m3", cell(out, 3, "Name").toString(), "input columns are kept");
    }

    @Test
    void plainStringColumnsAndMolBlocksAreMolecules() throws Exception {
        var molBlock = "\n  test\n\n  2  1  0  0  0  0  0  0  0  0999 V2000\n"
            + "    0.0000    0.0000    0.0000 C   0  0  0  0  0  0  0  0  0  0  0  0\n"
            + "    1.5000    0.0000    0.0000 O   0  0  0  0  0  0  0  0  0  0  0  0\n"
            + "  1  2  1  0\nM  END\n";
        var in = NodeTables.strings("Structure", List.of("CO", molBlock));
        var d = driver(in);
        set(d, "encoder/kind", "MACCS");
        var out = (BufferedDataTable)d.execute(in)[0];
        assertNull(d.getWarningMessage());
        assertArrayEquals(vector(cell(out, 0, "MACCS embedding")), vector(cell(out, 1, "MACCS embedding")),
            "methanol from SMILES and from a mol block");
    }

    @Test
    void schNetWithout3DGenerationWarnsPerRowAndWithItEmbeds() throws Exception {
        var in = NodeTables.smiles(List.of("CCO", "CCN"));
        var d = driver(in);
        set(d, "encoder/kind", "SCHNET");
        set(d, "generate3D", false);
        var out = (BufferedDataTable)d.execute(in)[0];
        assertTrue(cell(out, 0, "SchNet embedding").isMissing());
        assertTrue(d.getWarningMessage().contains("3D"), d.getWarningMessage());
        set(d, "generate3D", true);
        out = (BufferedDataTable)d.execute(in)[0];
        assertNull(d.getWarningMessage());
        assertEquals(vector(cell(out, 0, "SchNet embedding")).length,
            vector(cell(out, 1, "SchNet embedding")).length);
    }

    @Test
    void wrongColumnTypeEmptyTableAndDuplicateOutputName() throws Exception {
        var numbers = NodeTables.numbers(1, 2);
        var d = NodeDriver.of(new EmbedNodeFactory());
        var none = assertThrows(InvalidSettingsException.class, () -> d.configure(numbers.getDataTableSpec()));
        assertTrue(none.getMessage().contains("no molecule column"), none.getMessage());
        set(d, "moleculeColumn", "Value");
        var e = assertThrows(InvalidSettingsException.class, () -> d.configure(numbers.getDataTableSpec()));
        assertTrue(e.getMessage().contains("\"Value\"") && e.getMessage().contains("Molecule column"), e.getMessage());

        var empty = NodeTables.smiles(List.of());
        var d2 = driver(empty);
        var out = (BufferedDataTable)d2.execute(empty)[0];
        assertEquals(0, out.size());
        assertEquals(3, out.getDataTableSpec().getNumColumns());

        set(d2, "outputColumn", "Name");
        var dup = assertThrows(InvalidSettingsException.class, () -> d2.configure(empty.getDataTableSpec()));
        assertTrue(dup.getMessage().contains("Output column"), dup.getMessage());
    }

    @Test
    void badEncoderSettingsAreRejectedNamingTheSetting() throws Exception {
        var in = NodeTables.smiles(List.of("CCO"));
        var d = driver(in);
        var s = d.saveSettings();
        s.getNodeSettings("encoder").addString("kind", "TORCHSCRIPT");
        var e = assertThrows(InvalidSettingsException.class, () -> d.loadSettings(s));
        assertTrue(e.getMessage().contains("TorchScript file"), e.getMessage());
        s.getNodeSettings("encoder").addString("kind", "NO_SUCH_ENCODER");
        var e2 = assertThrows(InvalidSettingsException.class, () -> d.loadSettings(s));
        // KNIME's own enum persistence answers, naming the value and the ones allowed
        assertTrue(e2.getMessage().contains("NO_SUCH_ENCODER") && e2.getMessage().contains("MPNN"), e2.getMessage());
    }

    /**
     * The cancel button stops a TorchScript encoder whose code runs on (fixtures/looping-encoder.pt loops about 20 s
     * for a batch of 30 molecules; the engine's tests check that it is what their archive writer makes): the node
     * ends as cancelled within seconds instead of waiting for the code.
     */
    @Test
    void cancelStopsATorchScriptEncoderWhoseCodeRunsOn() throws Exception {
        var here = java.nio.file.Path.of("").toAbsolutePath();
        var fixture = java.nio.file.Files.isDirectory(here.resolve("fixtures")) ? here.resolve("fixtures")
            : here.resolve("plugin.tests/fixtures");
        var in = NodeTables.smiles(java.util.Collections.nCopies(30, "CCO"));
        var d = driver(in);
        set(d, "encoder/torchScriptFile", fixture.resolve("looping-encoder.pt").toString());
        set(d, "encoder/torchScriptInput", "GRAPH");
        set(d, "encoder/kind", "TORCHSCRIPT");
        var failure = new java.util.concurrent.atomic.AtomicReference<Throwable>();
        var run = new Thread(() -> {
            try {
                d.execute(in);
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        run.start();
        Thread.sleep(1500); // loaded (the probe is quick) and inside the batch
        d.cancel();
        run.join(10_000);
        assertTrue(!run.isAlive(), "the node still runs 10 s after cancel");
        assertTrue(failure.get() instanceof org.knime.core.node.CanceledExecutionException, "cancelled, not "
            + failure.get());
    }
}
