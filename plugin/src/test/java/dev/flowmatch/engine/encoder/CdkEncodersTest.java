package dev.flowmatch.engine.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** MACCS keys and CDK descriptors against values counted by hand from the structures. */
class CdkEncodersTest {

    private static List<Integer> keys(final float[] v) {
        var on = new ArrayList<Integer>();
        for (int k = 0; k < v.length; k++) {
            if (v[k] != 0) {
                assertEquals(1f, v[k]);
                on.add(k + 1);
            }
        }
        return on;
    }

    @Test
    void maccsKeysMatchTheirDefinitions() {
        var v = new MaccsEncoder().embed(TestMolecules.smiles("c1ccccc1", "C1CC1", "CC.O", "ClCCBr", "CCO"));
        assertEquals(List.of(162, 163, 165), keys(v[0])); // aromatic, six-membered ring, ring
        assertEquals(List.of(22, 165), keys(v[1])); // three-membered ring, ring
        assertTrue(keys(v[2]).containsAll(List.of(164, 166)), "oxygen, more than one fragment");
        assertTrue(keys(v[3]).containsAll(List.of(46, 103, 134)), "Br, Cl, halogen");
        assertTrue(keys(v[4]).contains(164) && !keys(v[4]).contains(165), "ethanol: oxygen, no ring");
        assertEquals(MaccsEncoder.KEYS, v[0].length);
    }

    @Test
    void descriptorsMatchHandCounts() {
        var enc = DescriptorEncoder.raw();
        var names = enc.names();
        var v = enc.embed(TestMolecules.smiles("CCO", "c1ccccc1"));
        // ethanol: 2 C + 6 H + O
        assertEquals(2 * 12.011 + 6 * 1.008 + 15.999, v[0][names.indexOf("MW")], 0.01);
        assertEquals(1, v[0][names.indexOf("nHBDon")]);
        assertEquals(1, v[0][names.indexOf("nHBAcc")]);
        assertEquals(4, v[0][names.indexOf("WPATH")]); // path distances 1 + 1 + 2
        assertEquals(6, v[0][names.indexOf("Zagreb")]); // degrees 1, 2, 1 squared
        assertEquals(6, v[1][names.indexOf("naAromAtom")]);
        assertEquals(1, v[1][names.indexOf("nRings6")]);
        assertEquals(0, v[1][names.indexOf("nRotB")]);
    }

    @Test
    void descriptorsIgnoreAtomOrderHydrogenFormAndCounterions() throws Exception {
        var enc = DescriptorEncoder.raw();
        var v = enc.embed(List.of(TestMolecules.smiles("CC(=O)Nc1ccc(O)cc1"), TestMolecules.smiles(
            "Oc1ccc(NC(C)=O)cc1"), TestMolecules.conformer("CC(=O)Nc1ccc(O)cc1"), TestMolecules.smiles(
                "CC(=O)Nc1ccc(O)cc1.[Na+].[Cl-]")));
        for (int i = 1; i < v.length; i++) {
            assertArrayEquals(v[0], v[i], 1e-3f, "form " + i);
        }
        var other = enc.embed(List.of(TestMolecules.smiles("CC(=O)Nc1ccccc1")))[0];
        assertTrue(java.util.stream.IntStream.range(0, other.length).anyMatch(k -> Math.abs(other[k] - v[0][k]) > 0.5));
    }

    @Test
    void standardizedIsRawShiftedAndScaledByTheShippedStatistics() throws Exception {
        var json = dev.flowmatch.engine.compute.ZipArchive.GSON.fromJson(new String(DescriptorEncoder.class
            .getResourceAsStream(DescriptorEncoder.STATISTICS).readAllBytes(), "UTF-8"), com.google.gson.JsonObject.class);
        var mean = dev.flowmatch.engine.compute.ZipArchive.GSON.fromJson(json.get("mean"), double[].class);
        var sd = dev.flowmatch.engine.compute.ZipArchive.GSON.fromJson(json.get("sd"), double[].class);
        var molecules = TestMolecules.smiles("CC(=O)Oc1ccccc1C(=O)O", "CCN");
        var raw = DescriptorEncoder.raw().embed(molecules);
        var z = DescriptorEncoder.standardized().embed(molecules);
        for (int i = 0; i < raw.length; i++) {
            for (int k = 0; k < mean.length; k++) {
                double expected = Math.max(-10, Math.min(10, (raw[i][k] - mean[k]) / sd[k]));
                assertEquals(expected, z[i][k], 1e-4 * Math.max(1, Math.abs(expected)), "descriptor " + k);
            }
        }
        assertTrue(sd[0] > 10, "molecular weight varies by tens of Daltons in QM9 + MOSES: " + sd[0]);
    }
}
