package dev.flowmatch.engine.flow.coupling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.flowmatch.engine.chem.Rotations;
import dev.flowmatch.engine.compute.ManagedTorchTest;

/** Couplings against brute force: every permutation for small batches, a rotation search for Kabsch. */
class CouplingTest extends ManagedTorchTest {

    /** @return the smallest total cost over all permutations */
    static double bruteForce(final double[][] cost) {
        var p = new int[cost.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = i;
        }
        double best = Double.POSITIVE_INFINITY;
        do {
            best = Math.min(best, Assignment.total(cost, p));
        } while (nextPermutation(p));
        return best;
    }

    static boolean nextPermutation(final int[] a) {
        int i = a.length - 2;
        while (i >= 0 && a[i] >= a[i + 1]) {
            i--;
        }
        if (i < 0) {
            return false;
        }
        int j = a.length - 1;
        while (a[j] <= a[i]) {
            j--;
        }
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
        for (int l = i + 1, r = a.length - 1; l < r; l++, r--) {
            t = a[l];
            a[l] = a[r];
            a[r] = t;
        }
        return true;
    }

    @Test
    void assignmentIsOptimalAgainstEveryPermutation() {
        var rnd = new Random(1);
        for (int n = 1; n <= 8; n++) {
            for (int rep = 0; rep < 5; rep++) {
                var cost = new double[n][n];
                for (var row : cost) {
                    for (int j = 0; j < n; j++) {
                        row[j] = rep % 2 == 0 ? rnd.nextDouble() : rnd.nextInt(4); // ties too
                    }
                }
                int[] col = Assignment.minimize(cost);
                assertEquals(n, Arrays.stream(col).distinct().count(), "a permutation");
                assertEquals(bruteForce(cost), Assignment.total(cost, col), 1e-12, "n=" + n);
            }
        }
    }

    static NDArray clouds(final int b, final int n, final long seed) {
        var r = new Random(seed);
        var f = new float[b * n * 3];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float)r.nextGaussian();
        }
        return s_manager.create(f, new Shape(b, n, 3));
    }

    static NDArray fullMask(final int b, final int n) {
        return s_manager.ones(new Shape(b, n));
    }

    static double meanCost(final NDArray x0, final NDArray x1) {
        return x0.sub(x1).square().sum().getFloat() / x0.getShape().get(0);
    }

    @Test
    void minibatchOtEqualsBruteForceForSmallBatches() {
        for (int b = 2; b <= 8; b++) {
            var x0 = clouds(b, 3, b);
            var x1 = clouds(b, 3, 100 + b);
            var paired = new MinibatchOtCoupling().couple(x0, x1, fullMask(b, 3));
            var c = CloudArrays.of(x0, x1, fullMask(b, 3));
            double best = bruteForce(MinibatchOtCoupling.costs(c));
            assertEquals(best, meanCost(paired, x1) * b, 1e-3 * best, "batch " + b);
        }
    }

    @Test
    void minibatchOtLowersTheCostAndKeepsTheNoiseRows() {
        var x0 = clouds(64, 9, 1);
        var x1 = clouds(64, 9, 2).mul(0.5).add(1);
        var paired = new MinibatchOtCoupling().couple(x0, x1, fullMask(64, 9));
        assertTrue(meanCost(paired, x1) < 0.9 * meanCost(x0, x1), meanCost(paired, x1) + " vs " + meanCost(x0, x1));
        // the same rows, reordered: row sums as multisets
        var a = x0.sum(new int[]{1, 2}).toFloatArray();
        var p = paired.sum(new int[]{1, 2}).toFloatArray();
        Arrays.sort(a);
        Arrays.sort(p);
        assertArrayEquals(a, p, 0);
    }

    @Test
    void minibatchOtMeasuresEachMoleculeOverItsOwnAtoms() {
        // data row 0 has 1 atom at (5,5,5), row 1 has 2 atoms at the origin; noise rows are full length
        var x1 = s_manager.create(new float[]{5, 5, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0}, new Shape(2, 2, 3));
        var mask = s_manager.create(new float[]{1, 0, 1, 1}, new Shape(2, 2));
        var x0 = s_manager.create(new float[]{0, 0, 0, 0, 0, 0, 5, 5, 5, 50, 50, 50}, new Shape(2, 2, 3));
        var paired = new MinibatchOtCoupling().couple(x0, x1, mask).toFloatArray();
        // noise row 1's far second point is padding for data row 0, so row 1 goes to row 0
        assertArrayEquals(new float[]{5, 5, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0}, paired, 0);
    }

    @Test
    void kabschFindsTheRmsdOptimalRotation() {
        var rnd = new Random(3);
        int n = 7;
        var a = new float[3 * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float)rnd.nextGaussian();
        }
        double[] truth = Rotations.random(rnd);
        var b = rotate(truth, a);
        for (int i = 0; i < b.length; i++) {
            b[i] += (float)(0.3 * rnd.nextGaussian());
        }
        double[] r = Kabsch.rotation(a, b, n);
        assertEquals(1, det(r), 1e-9);
        double kabsch = Kabsch.rmsd(r, a, b, n);
        // brute force: many random rotations, then a local random search around the best
        double best = Double.POSITIVE_INFINITY;
        double[] bestR = null;
        for (int i = 0; i < 200_000; i++) {
            double[] q = Rotations.random(rnd);
            double d = Kabsch.rmsd(q, a, b, n);
            if (d < best) {
                best = d;
                bestR = q;
            }
        }
        for (double scale = 0.1; scale > 1e-6; scale *= 0.5) {
            for (int i = 0; i < 2000; i++) {
                double[] q = multiply(small(rnd, scale), bestR);
                double d = Kabsch.rmsd(q, a, b, n);
                if (d < best) {
                    best = d;
                    bestR = q;
                }
            }
        }
        assertTrue(kabsch <= best + 1e-7, "Kabsch " + kabsch + " vs search " + best);
        assertEquals(best, kabsch, 1e-4, "the search finds the same optimum");
    }

    @Test
    void kabschNeverReflects() {
        var a = new float[]{1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1};
        var mirrored = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            mirrored[i] = i % 3 == 0 ? -a[i] : a[i];
        }
        double[] r = Kabsch.rotation(a, mirrored, 4);
        assertEquals(1, det(r), 1e-9, "a proper rotation even when a mirror image fits exactly");
        assertTrue(Kabsch.rmsd(r, a, mirrored, 4) > 0.1);
    }

    @Test
    void alignmentShortensPathsAndPreservesEachNoisePoint() {
        int b = 16;
        int n = 12;
        var x0 = clouds(b, n, 4);
        var x1 = clouds(b, n, 5).mul(1.5);
        var maskValues = new float[b * n];
        for (int i = 0; i < b; i++) {
            Arrays.fill(maskValues, i * n, i * n + 4 + i % 8, 1f);
        }
        var mask = s_manager.create(maskValues, new Shape(b, n));
        var independent = new IndependentCoupling().couple(x0, x1, mask);
        var aligned = AtomAlignmentCoupling.defaults().couple(x0, x1, mask);
        assertTrue(meanCost(aligned, x1.mul(mask.expandDims(2))) < 0.7 * meanCost(independent, x1.mul(mask.expandDims(2))));
        var al = aligned.toFloatArray();
        var in = independent.toFloatArray();
        for (int i = 0; i < b; i++) {
            int count = 4 + i % 8;
            // rotation about the origin and permutation keep the multiset of point norms
            var na = new double[count];
            var ni = new double[count];
            for (int k = 0; k < count; k++) {
                na[k] = norm(al, (i * n + k) * 3);
                ni[k] = norm(in, (i * n + k) * 3);
            }
            Arrays.sort(na);
            Arrays.sort(ni);
            assertArrayEquals(ni, na, 1e-4, "molecule " + i);
            for (int k = count; k < n; k++) {
                assertEquals(0, norm(al, (i * n + k) * 3), 0, "padding stays zero");
            }
        }
    }

    @Test
    void permutationOnlyAlignmentIsTheOptimalAtomMatching() {
        var x0 = clouds(1, 6, 6);
        var x1 = clouds(1, 6, 7);
        var paired = new AtomAlignmentCoupling(true, false, 1).couple(x0, x1, fullMask(1, 6));
        var c = CloudArrays.of(x0.reshape(6, 1, 3), x1.reshape(6, 1, 3), fullMask(6, 1));
        double best = bruteForce(MinibatchOtCoupling.costs(c));
        assertEquals(best, meanCost(paired, x1), 1e-4);
    }

    private static double norm(final float[] p, final int o) {
        return Math.sqrt(p[o] * p[o] + p[o + 1] * p[o + 1] + p[o + 2] * p[o + 2]);
    }

    static float[] rotate(final double[] r, final float[] p) {
        var out = new float[p.length];
        for (int i = 0; i < p.length / 3; i++) {
            for (int k = 0; k < 3; k++) {
                out[3 * i + k] = (float)(r[3 * k] * p[3 * i] + r[3 * k + 1] * p[3 * i + 1] + r[3 * k + 2] * p[3 * i + 2]);
            }
        }
        return out;
    }

    static double det(final double[] r) {
        return r[0] * (r[4] * r[8] - r[5] * r[7]) - r[1] * (r[3] * r[8] - r[5] * r[6])
            + r[2] * (r[3] * r[7] - r[4] * r[6]);
    }

    /** a rotation by a random small angle (Rodrigues) */
    static double[] small(final Random rnd, final double angle) {
        double x = rnd.nextGaussian();
        double y = rnd.nextGaussian();
        double z = rnd.nextGaussian();
        double len = Math.sqrt(x * x + y * y + z * z);
        x /= len;
        y /= len;
        z /= len;
        double th = angle * rnd.nextGaussian();
        double c = Math.cos(th);
        double s = Math.sin(th);
        double t = 1 - c;
        return new double[]{t * x * x + c, t * x * y - s * z, t * x * z + s * y, t * x * y + s * z, t * y * y + c,
            t * y * z - s * x, t * x * z - s * y, t * y * z + s * x, t * z * z + c};
    }

    static double[] multiply(final double[] a, final double[] b) {
        var r = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    r[3 * i + j] += a[3 * i + k] * b[3 * k + j];
                }
            }
        }
        return r;
    }
}
