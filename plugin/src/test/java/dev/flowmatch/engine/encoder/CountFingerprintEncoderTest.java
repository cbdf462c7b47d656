package dev.flowmatch.engine.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.silent.SilentChemObjectBuilder;
import org.openscience.cdk.smiles.SmilesParser;

/** Radius-0 count vectors are hand-countable: one bin per distinct heavy-atom environment, log(1 + count). */
class CountFingerprintEncoderTest {

    private static List<IAtomContainer> parse(final String... smiles) throws Exception {
        var sp = new SmilesParser(SilentChemObjectBuilder.getInstance());
        var out = new ArrayList<IAtomContainer>();
        for (var s : smiles) {
            out.add(sp.parseSmiles(s));
        }
        return out;
    }

    private static List<Float> nonZero(final float[] v) {
        var out = new ArrayList<Float>();
        for (float x : v) {
            if (x != 0) {
                out.add(x);
            }
        }
        out.sort(null);
        return out;
    }

    @Test
    void radiusZeroCountsEnvironments() throws Exception {
        var enc = new CountFingerprintEncoder(0, 4096);
        var v = enc.embed(parse("CC", "CCO", "CC(C)(C)C"));
        // ethane: two identical methyl carbons -> one bin, count 2
        assertEquals(List.of((float)Math.log1p(2)), nonZero(v[0]));
        // ethanol: CH3, CH2 (two heavy neighbours), OH -> three bins, count 1 each
        assertEquals(List.of((float)Math.log1p(1), (float)Math.log1p(1), (float)Math.log1p(1)), nonZero(v[1]));
        // neopentane: four methyls and one quaternary carbon
        assertEquals(List.of((float)Math.log1p(1), (float)Math.log1p(4)), nonZero(v[2]));
        assertEquals(4096, enc.dimension());
    }

    @Test
    void deterministicFoldedAndNamed() throws Exception {
        var enc = new CountFingerprintEncoder(2, 16);
        var a = enc.embed(parse("c1ccccc1O", "CCN"));
        var b = enc.embed(parse("Oc1ccccc1", "NCC")); // same molecules, other atom order
        assertArrayEquals(a[0], b[0]);
        assertArrayEquals(a[1], b[1]);
        assertEquals(16, a[0].length);
        assertEquals("ECFP4 counts (16)", enc.name());
        assertThrows(IllegalArgumentException.class, () -> new CountFingerprintEncoder(4, 16));
        assertThrows(IllegalArgumentException.class, () -> new CountFingerprintEncoder(1, 0));
    }
}
