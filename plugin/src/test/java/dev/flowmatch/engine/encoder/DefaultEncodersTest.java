package dev.flowmatch.engine.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openscience.cdk.interfaces.IAtomContainer;

import ai.djl.Device;

/**
 * The weights shipped in the plugin load from the class path (no network), describe how they were made, and
 * separate chemotypes: a molecule's nearest neighbour in embedding space belongs to its own ring family far
 * more often than chance (0.21 here; measured 0.85 for the MPNN, 0.70 for SchNet). An untrained network of the
 * same shape is the control that the set is not trivially separable (it scores 0.60).
 */
class DefaultEncodersTest {

    /** Four ring families with the same five substituents: family = index / 5. */
    private static final String[] FAMILIES = {"c1ccccc1", "C1CCCCC1", "c1ccncc1", "C1CCOC1"};

    private static final String[] SUBSTITUENTS = {"C", "O", "N", "OC(=O)", "N#CC"};

    private static List<String> smiles() {
        var out = new ArrayList<String>();
        for (var ring : FAMILIES) {
            for (var s : SUBSTITUENTS) {
                out.add(s + ring.charAt(0) + ring.substring(1)); // substituent bonded to the first ring atom
            }
        }
        return out;
    }

    /** Share of molecules whose Euclidean nearest other molecule is of the same family. */
    private static double nearestSameFamily(final float[][] v) {
        int same = 0;
        for (int i = 0; i < v.length; i++) {
            int best = -1;
            double bestDistance = Double.POSITIVE_INFINITY;
            for (int j = 0; j < v.length; j++) {
                double d = 0;
                for (int k = 0; k < v[i].length; k++) {
                    d += (v[i][k] - v[j][k]) * (v[i][k] - v[j][k]);
                }
                if (j != i && d < bestDistance) {
                    bestDistance = d;
                    best = j;
                }
            }
            same += best / SUBSTITUENTS.length == i / SUBSTITUENTS.length ? 1 : 0;
        }
        return (double)same / v.length;
    }

    @Test
    void shippedWeightsLoadAndSeparateRingFamilies(@TempDir final Path dir) throws Exception {
        List<IAtomContainer> flat = TestMolecules.smiles(smiles().toArray(String[]::new));
        List<IAtomContainer> threeD = smiles().stream().map(TestMolecules::conformer).toList();
        double chance = (SUBSTITUENTS.length - 1.0) / (flat.size() - 1.0);
        try (var mpnn = DefaultEncoders.mpnn(Device.cpu()); var schnet = DefaultEncoders.schnet(Device.cpu());
                var untrained = NeuralEncoder.initialize(mpnn.architecture(), "mpnn", 1, Device.cpu())) {
            assertEquals(128, mpnn.dimension());
            assertTrue(mpnn.version().matches("mpnn@[0-9a-f]{12}"), mpnn.version());
            assertTrue(schnet.version().matches("schnet@[0-9a-f]{12}"), schnet.version());
            assertEquals("benchmarks/run pretrain-encoders", mpnn.provenance().get("command"));
            assertTrue(schnet.provenance().get("objective").contains("CDK descriptors"));
            double m = nearestSameFamily(mpnn.embed(flat));
            double s = nearestSameFamily(schnet.embed(threeD));
            double u = nearestSameFamily(untrained.embed(flat));
            assertTrue(m >= 0.8, "MPNN nearest neighbour in the same family: " + m + " (chance " + chance + ")");
            assertTrue(s >= 0.7, "SchNet nearest neighbour in the same family: " + s + " (chance " + chance + ")");
            assertTrue(u < 1, "the untrained control separates perfectly, so the test shows nothing: " + u);
            // deterministic, and a saved copy is the same encoder
            var file = dir.resolve("copy.zip");
            mpnn.save(file);
            try (var copy = NeuralEncoder.load(file, Device.cpu())) {
                assertEquals(mpnn.version(), copy.version());
                assertArrayEquals(mpnn.embed(flat.subList(0, 3))[2], copy.embed(flat.subList(0, 3))[2]);
            }
        }
    }
}
