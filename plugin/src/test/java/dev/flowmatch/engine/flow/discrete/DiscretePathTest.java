package dev.flowmatch.engine.flow.discrete;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.flowmatch.engine.compute.ManagedTorchTest;
import dev.flowmatch.engine.flow.path.CondOtScheduler;
import dev.flowmatch.engine.flow.solver.TimeGrid;

/**
 * Discrete flow matching with the exact posterior of a known factorised type distribution: sampling the
 * chain from noise must reproduce that distribution, for uniform and for masking noise.
 */
class DiscretePathTest extends ManagedTorchTest {

    private static final double[] P = {0.5, 0.3, 0.15, 0.05};

    /** p_{1|t}(j | x_t = i) for data ~ P at every atom, under the mixture path with κ_t = t. */
    static NDArray posterior(final int[] xt, final double t, final DiscretePath path) {
        int k = P.length;
        var out = new float[xt.length * k];
        for (int a = 0; a < xt.length; a++) {
            double z = 0;
            var w = new double[k];
            for (int j = 0; j < k; j++) {
                if (path.noise() == DiscretePath.Noise.MASK) {
                    w[j] = xt[a] == k ? P[j] : (xt[a] == j ? 1 : 0);
                } else {
                    w[j] = P[j] * (t * (xt[a] == j ? 1 : 0) + (1 - t) / k);
                }
                z += w[j];
            }
            for (int j = 0; j < k; j++) {
                out[a * k + j] = (float)(w[j] / z);
            }
        }
        return s_manager.create(out, new Shape(xt.length / 10, 10, k));
    }

    @Test
    void chainSamplingReproducesTheDataDistribution() {
        for (var noise : DiscretePath.Noise.values()) {
            var path = new DiscretePath(new CondOtScheduler(0), P.length, noise);
            var mask = s_manager.ones(new Shape(2000, 10));
            var rng = new Random(noise.ordinal());
            var x = path.sampleNoise(mask, rng);
            var grid = TimeGrid.uniform(50).times();
            for (int s = 0; s < 50; s++) {
                var post = posterior(x.toIntArray(), grid[s], path);
                x = path.step(x, post, mask, grid[s], grid[s + 1] - grid[s], rng);
            }
            var counts = new int[path.tokens()];
            for (int v : x.toIntArray()) {
                counts[v]++;
            }
            int n = 20_000;
            if (noise == DiscretePath.Noise.MASK) {
                assertEquals(0, counts[P.length], "no mask token left at t = 1");
            }
            for (int j = 0; j < P.length; j++) {
                double se = Math.sqrt(P[j] * (1 - P[j]) / n);
                assertEquals(P[j], counts[j] / (double)n, 4 * se, noise + " class " + j);
            }
        }
    }

    @Test
    void pathKeepsDataWithProbabilityKappa() {
        var path = new DiscretePath(new CondOtScheduler(0), 5, DiscretePath.Noise.MASK);
        int b = 1000;
        var x1Values = new int[b * 10];
        for (int i = 0; i < x1Values.length; i++) {
            x1Values[i] = i % 5;
        }
        var x1 = s_manager.create(x1Values, new Shape(b, 10));
        var mask = s_manager.ones(new Shape(b, 10));
        var rng = new Random(4);
        var ones = new double[b];
        java.util.Arrays.fill(ones, 1);
        assertArrayEquals(x1Values, path.sample(x1, mask, ones, rng).toIntArray(), "κ = 1: the data");
        var zeros = new double[b];
        for (int v : path.sample(x1, mask, zeros, rng).toIntArray()) {
            assertEquals(5, v, "κ = 0: all mask tokens");
        }
        var half = new double[b];
        java.util.Arrays.fill(half, 0.3);
        int kept = 0;
        var xt = path.sample(x1, mask, half, rng).toIntArray();
        for (int i = 0; i < xt.length; i++) {
            kept += xt[i] == x1Values[i] ? 1 : 0;
        }
        assertEquals(0.3, kept / 10_000.0, 4 * Math.sqrt(0.21 / 10_000));
        // padded atoms stay 0 whatever t
        var partial = s_manager.create(new float[]{1, 1, 0}, new Shape(1, 3));
        var padded = path.sample(s_manager.create(new int[]{2, 3, 4}, new Shape(1, 3)), partial, new double[]{0}, rng);
        assertEquals(0, padded.toIntArray()[2]);
    }

    @Test
    void oneHotRoundTrips() {
        var types = s_manager.create(new int[]{0, 3, 2, 1, 1, 0}, new Shape(2, 3));
        var mask = s_manager.create(new float[]{1, 1, 1, 1, 1, 0}, new Shape(2, 3));
        var v = OneHot.encode(types, mask, 4, 2.0);
        assertEquals(new Shape(2, 3, 4), v.getShape());
        assertEquals(10, v.sum().getFloat(), 0, "five real atoms with a hot value of 2");
        var back = OneHot.decode(v).toIntArray();
        assertArrayEquals(new int[]{0, 3, 2, 1, 1}, java.util.Arrays.copyOf(back, 5));
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> OneHot.encode(types, mask, 3, 1)).getMessage().contains("outside [0, 3)"));
    }
}
