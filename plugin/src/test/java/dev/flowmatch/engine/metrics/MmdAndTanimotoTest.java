package dev.flowmatch.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Unbiased MMD² (≈ 0 for one distribution, growing with a shift) and block Tanimoto against popcounts. */
class MmdAndTanimotoTest {

    static double[][] gaussian(final int n, final int d, final double shift, final Random rnd) {
        var x = new double[n][d];
        for (var row : x) {
            for (int k = 0; k < d; k++) {
                row[k] = rnd.nextGaussian() + (k == 0 ? shift : 0);
            }
        }
        return x;
    }

    @Test
    void unbiasedRbfMmdAveragesZeroForOneDistributionAndGrowsWithAShift() {
        var rnd = new Random(1);
        int reps = 20;
        var values = new double[reps];
        for (int r = 0; r < reps; r++) {
            values[r] = Mmd.rbf(gaussian(200, 5, 0, rnd), gaussian(200, 5, 0, rnd));
        }
        double mean = java.util.Arrays.stream(values).average().orElseThrow();
        double sd = Math.sqrt(java.util.Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / (reps - 1));
        assertTrue(Math.abs(mean) < 3 * sd / Math.sqrt(reps), "mean " + mean + " sd " + sd);
        assertTrue(java.util.Arrays.stream(values).anyMatch(v -> v < 0), "unbiased: some estimates are negative");
        double previous = Math.abs(mean) + 3 * sd;
        for (double shift : new double[]{0.5, 1, 2}) {
            double v = Mmd.rbf(gaussian(200, 5, 0, rnd), gaussian(200, 5, shift, rnd));
            assertTrue(v > previous, "shift " + shift + ": " + v + " after " + previous);
            previous = v;
        }
    }

    static List<long[]> fingerprints(final int n, final double p, final Random rnd) {
        var out = new ArrayList<long[]>();
        for (int i = 0; i < n; i++) {
            var w = new long[MoleculeProfiler.ECFP_BITS / 64];
            for (int k = 0; k < MoleculeProfiler.ECFP_BITS; k++) {
                if (rnd.nextDouble() < p * (k < 200 ? 4 : 1)) {
                    w[k >>> 6] |= 1L << (k & 63);
                }
            }
            out.add(w);
        }
        return out;
    }

    @Test
    void blockTanimotoEqualsPopcountTanimoto() {
        var rnd = new Random(2);
        var a = fingerprints(1500, 0.02, rnd); // more rows than one block
        var b = fingerprints(300, 0.02, rnd);
        var stats = Tanimoto.pairs(a, b);
        double sum = 0;
        double sumSq = 0;
        var max = new double[a.size()];
        for (int i = 0; i < a.size(); i++) {
            for (var fb : b) {
                double t = Tanimoto.of(a.get(i), fb);
                sum += t;
                sumSq += t * t;
                max[i] = Math.max(max[i], t);
            }
        }
        assertEquals(sum, stats.sum(), 1e-6 * sum);
        assertEquals(sumSq, stats.sumSquares(), 1e-6 * sumSq);
        assertArrayEquals(max, stats.rowMax(), 1e-6);
        // by hand: {1, 2, 3} vs {2, 3, 4}: 2 shared of 4
        assertEquals(0.5, Tanimoto.of(new long[]{0b1110}, new long[]{0b11100}), 0);
        assertEquals(a.size(), Tanimoto.pairs(a, a).diagonal(), 0, "self-similarity 1 on the diagonal");
    }

    @Test
    void aSetAgainstItselfComputesHalfTheBlocksAndGetsTheFullSums() {
        var a = fingerprints(700, 0.02, new Random(4)); // three blocks of 256: diagonal and mirrored blocks
        var half = Tanimoto.pairs(a, a, 3.0); // the same list: upper block triangle only
        var full = Tanimoto.pairs(a, new java.util.ArrayList<>(a), 3.0); // an equal copy: every block
        assertEquals(full.sum(), half.sum(), 1e-6 * full.sum());
        assertEquals(full.sumSquares(), half.sumSquares(), 1e-6 * full.sumSquares());
        assertEquals(full.rbfSum(), half.rbfSum(), 1e-6 * full.rbfSum());
        assertEquals(a.size(), half.diagonal(), 0);
        assertEquals(a.size(), half.rowMax().length);
    }

    @Test
    void tanimotoMmdIsNearZeroForOneDistributionAndPositiveForAnother() {
        var rnd = new Random(3);
        double same = Mmd.tanimoto(fingerprints(400, 0.02, rnd), fingerprints(400, 0.02, rnd));
        double other = Mmd.tanimoto(fingerprints(400, 0.02, rnd), fingerprints(400, 0.04, rnd));
        assertTrue(Math.abs(same) < 0.1 * other, same + " vs " + other);
        assertTrue(other > 0);
    }
}
