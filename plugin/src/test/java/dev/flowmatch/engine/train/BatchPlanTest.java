package dev.flowmatch.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The batch plans: random and bucketed by size, both pure functions of (seed, step). */
class BatchPlanTest {

    /** QM9-like sizes: 3 to 29 atoms, most around 18. */
    private static int[] sizes(final int n, final long seed) {
        var rng = new Random(seed);
        var s = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = (int)Math.max(3, Math.min(29, Math.round(18 + 3 * rng.nextGaussian())));
        }
        return s;
    }

    private static double waste(final BatchPlan plan, final int[] sizes, final int steps, final int batch) {
        long real = 0;
        long padded = 0;
        for (int s = 0; s < steps; s++) {
            int max = 0;
            for (int i : plan.indices(s)) {
                real += sizes[i];
                max = Math.max(max, sizes[i]);
            }
            padded += (long)max * batch;
        }
        return 1 - real / (double)padded;
    }

    @Test
    void bucketedEpochVisitsEveryMoleculeAndWastesLittlePadding() {
        var sizes = sizes(5000, 3);
        int batch = 64;
        var bucketed = BatchPlan.bySize(sizes, batch, 11);
        var plain = new BatchPlan(sizes.length, batch, 11);
        int steps = bucketed.stepsPerEpoch();
        assertEquals(plain.stepsPerEpoch(), steps, "bucketing keeps the number of steps per epoch");
        var seen = new HashSet<Integer>();
        for (int s = 0; s < steps; s++) {
            for (int i : bucketed.indices(s)) {
                seen.add(i);
            }
        }
        assertEquals(sizes.length, seen.size(), "one epoch of buckets visits every molecule");
        double w = waste(bucketed, sizes, steps, batch);
        double random = waste(plain, sizes, steps, batch);
        assertTrue(w < 0.03, "bucketed padding waste " + w);
        assertTrue(random > 0.2, "random batches waste a fifth or more here: " + random);
    }

    @Test
    void bucketedPlanIsAFunctionOfSeedAndStepAndStaysRandom() {
        var sizes = sizes(3000, 5);
        var a = BatchPlan.bySize(sizes, 32, 7);
        var b = BatchPlan.bySize(sizes, 32, 7);
        // b is asked out of order: no state from earlier steps may leak into a step's batch
        for (int s : new int[]{200, 3, 150, 94}) {
            assertArrayEquals(a.indices(s), b.indices(s), "step " + s);
        }
        for (int s = 0; s < 200; s++) {
            assertArrayEquals(a.indices(s), BatchPlan.bySize(sizes, 32, 7).indices(s));
        }
        var other = BatchPlan.bySize(sizes, 32, 8);
        assertNotEquals(Arrays.toString(a.indices(0)), Arrays.toString(other.indices(0)), "another seed, other batches");
        // epochs differ: the molecules that share a batch change
        int perEpoch = a.stepsPerEpoch();
        var first = new HashSet<String>();
        for (int s = 0; s < perEpoch; s++) {
            var idx = a.indices(s);
            Arrays.sort(idx);
            first.add(Arrays.toString(idx));
        }
        int repeated = 0;
        for (int s = perEpoch; s < 2 * perEpoch; s++) {
            var idx = a.indices(s);
            Arrays.sort(idx);
            repeated += first.contains(Arrays.toString(idx)) ? 1 : 0;
        }
        assertTrue(repeated < perEpoch / 10, repeated + " of " + perEpoch + " batches repeat in the next epoch");
    }

    @Test
    void smallSetsWrapRoundAsBefore() {
        var plan = BatchPlan.bySize(new int[]{5, 9, 3}, 8, 1);
        var idx = plan.indices(0);
        assertEquals(8, idx.length);
        for (int i : idx) {
            assertTrue(i >= 0 && i < 3);
        }
    }
}
