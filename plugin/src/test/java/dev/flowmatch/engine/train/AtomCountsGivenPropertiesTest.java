package dev.flowmatch.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * p(N | c) for conditional sampling: on data where the size sets the property (3 atoms around −1, 6 atoms around +1,
 * deviation 0.3, twice as many of size 3) the model recovers the deviation, the posterior is the closed form of
 * two Gaussians with the estimated means, and asked values pick the size that has them; files that declare
 * inconsistent arrays are refused.
 */
class AtomCountsGivenPropertiesTest {

    static AtomCountsGivenProperties twoSizes(final long seed) {
        var rng = new Random(seed);
        int n = 1500;
        var sizes = new int[n + 1];
        var values = new float[n + 1][];
        for (int i = 0; i < n; i++) {
            sizes[i] = i % 3 == 2 ? 6 : 3;
            values[i] = new float[] {(float)((sizes[i] == 3 ? -1 : 1) + 0.3 * rng.nextGaussian())};
        }
        sizes[n] = 9; // a molecule without a complete condition: left out
        return AtomCountsGivenProperties.of(sizes, values);
    }

    @Test
    void theFittedModelIsTwoGaussiansWeightedByTheirCounts() {
        var m = twoSizes(1);
        assertEquals(7, m.counts().length, "sizes up to the largest molecule with a condition");
        assertEquals(1000, m.counts()[3]);
        assertEquals(500, m.counts()[6]);
        assertEquals(0.3, m.spreads()[0], 0.015, "pooled within-size deviation");
        assertEquals(-1, m.means()[3][0], 0.03);
        assertEquals(1, m.means()[6][0], 0.05);
        for (float c : new float[] {-1, -0.2f, 0, 0.4f, 1}) {
            var p = m.posterior(new float[] {c});
            double s = m.spreads()[0];
            double w3 = 1000 * Math.exp(-0.5 * Math.pow((c - m.means()[3][0]) / s, 2));
            double w6 = 500 * Math.exp(-0.5 * Math.pow((c - m.means()[6][0]) / s, 2));
            assertEquals(w6 / (w3 + w6), p[6], 1e-9, "p(6 | " + c + ")");
            assertEquals(1, p[3] + p[6], 1e-12, "no other size has molecules");
        }
        var rng = new Random(2);
        int six = 0;
        for (int i = 0; i < 200; i++) {
            six += m.sample(new float[] {1}, rng) == 6 ? 1 : 0;
        }
        assertTrue(six >= 198, "asking for +1 gives the size that has it: " + six + " of 200");
        // a target far outside the data must not underflow every size to 0
        var far = m.posterior(new float[] {40});
        assertEquals(1, far[6], 1e-9);
    }

    @Test
    void inconsistentFilesAreRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> new AtomCountsGivenProperties(new int[] {0, 1, 2},
            new double[][] {{0}, {0}}, new double[] {1}));
        assertTrue(e.getMessage().contains("one count and one mean row per size"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AtomCountsGivenProperties(new int[] {0, 1},
            new double[][] {{0}, {Double.NaN}}, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> new AtomCountsGivenProperties(new int[] {0, 1},
            new double[][] {{0}, {0}}, new double[] {0}));
        assertThrows(IllegalArgumentException.class, () -> new AtomCountsGivenProperties(
            new int[Representation.MAX_ATOMS + 2], new double[Representation.MAX_ATOMS + 2][1], new double[] {1}));
        var c = Conditions.of(List.of("a", "b"), List.of("", ""), new double[][] {{1, 2}, {2, 5}}, 0.1);
        var f = assertThrows(IllegalArgumentException.class, () -> new Conditions(c.names(), c.units(), c.means(),
            c.stds(), c.mins(), c.maxs(), c.dropout(), twoSizes(3)));
        assertTrue(f.getMessage().contains("atom-count model has 1 properties, the conditions 2"), f.getMessage());
    }
}
