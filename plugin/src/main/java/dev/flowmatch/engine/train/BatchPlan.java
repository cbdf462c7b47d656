package dev.flowmatch.engine.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

import dev.flowmatch.engine.chem.PointCloud;
import dev.flowmatch.engine.chem.Rotations;

/**
 * Which molecules each step sees, as a pure function of (seed, step): epoch e visits a permutation drawn from
 * (seed, e) in consecutive slices of the batch size (wrapping round when the set is smaller than a batch),
 * and each step's own generator (noise, times, rotations) comes from (seed, step). Nothing carries over
 * from step to step, so a run resumed at step s repeats exactly what an uninterrupted run does.
 */
final class BatchPlan {

    private final int m_size;

    private final int m_batch;

    private final long m_seed;

    BatchPlan(final int size, final int batch, final long seed) {
        m_size = size;
        m_batch = batch;
        m_seed = seed;
    }

    /** @return steps per epoch, ⌈size / batch⌉ */
    int stepsPerEpoch() {
        return (m_size + m_batch - 1) / m_batch;
    }

    /** @return the 1-based epoch of a 0-based step */
    int epochOf(final int step) {
        return step / stepsPerEpoch() + 1;
    }

    /** @return the dataset indices of a 0-based step */
    int[] indices(final int step) {
        int epoch = step / stepsPerEpoch();
        int pos = step % stepsPerEpoch();
        var perm = permutation(epoch);
        var out = new int[m_batch];
        for (int j = 0; j < m_batch; j++) {
            out[j] = perm[(pos * m_batch + j) % m_size];
        }
        return out;
    }

    /** @return the generator of a 0-based step (noise, times, rotations, in that order of use) */
    Random random(final long step) {
        return new Random(mix(m_seed, 2 * step + 1));
    }

    /** @return the selected clouds, each rotated uniformly at random when augmenting */
    static List<PointCloud> select(final List<PointCloud> clouds, final int[] indices, final boolean rotate,
        final Random rng) {
        var out = new ArrayList<PointCloud>(indices.length);
        for (int i : indices) {
            var c = clouds.get(i);
            out.add(rotate ? c.rotated(Rotations.random(rng)) : c);
        }
        return out;
    }

    private int[] permutation(final int epoch) {
        var rng = new SplittableRandom(mix(m_seed, 2L * epoch));
        var p = new int[m_size];
        for (int i = 0; i < m_size; i++) {
            p[i] = i;
        }
        for (int i = m_size - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** SplitMix64 finaliser of seed and stream: distinct, well-mixed seeds for every (seed, stream) pair. */
    static long mix(final long seed, final long stream) {
        long z = seed * 0x9E3779B97F4A7C15L + stream * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
