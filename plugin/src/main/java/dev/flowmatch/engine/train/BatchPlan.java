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
 *
 * <p>Bucketed by size ({@link #bySize}), the epoch's permutation is sorted stably by atom count before it
 * is sliced, and the slices are visited in an order drawn from (seed, e): every batch holds molecules of
 * (nearly) one size, so padding to the batch's largest molecule wastes almost nothing, while which
 * molecules meet in a batch and the order of sizes stay random. The last slice of an epoch is filled
 * from the molecules just before it (the same size), not by wrapping round to the smallest.
 */
final class BatchPlan {

    private final int m_size;

    private final int m_batch;

    private final long m_seed;

    /** Atom counts for size bucketing, or null for plain random batches. */
    private final int[] m_sizes;

    /** The epoch whose sorted order and slice order are cached (bucketed plans only). */
    private int m_cachedEpoch = -1;

    private int[] m_sorted;

    private int[] m_sliceOrder;

    BatchPlan(final int size, final int batch, final long seed) {
        this(size, batch, seed, null);
    }

    private BatchPlan(final int size, final int batch, final long seed, final int[] sizes) {
        m_size = size;
        m_batch = batch;
        m_seed = seed;
        m_sizes = sizes;
    }

    /** @return the plan of a training configuration: bucketed by atom count when it says so */
    static BatchPlan of(final TrainingConfig config, final java.util.List<dev.flowmatch.engine.chem.PointCloud> train) {
        int molecules = config.moleculesPerBatch();
        if (!config.sizeBuckets()) {
            return new BatchPlan(train.size(), molecules, config.seed());
        }
        return bySize(train.stream().mapToInt(dev.flowmatch.engine.chem.PointCloud::size).toArray(), molecules,
            config.seed());
    }

    /** @return the molecules of a step, each repeated {@code copies} times (TABASCO's rotated copies) */
    int[] withCopies(final int step, final int copies) {
        var idx = indices(step);
        if (copies == 1) {
            return idx;
        }
        var out = new int[idx.length * copies];
        for (int i = 0; i < out.length; i++) {
            out[i] = idx[i / copies];
        }
        return out;
    }

    /**
     * @return for the first {@code steps} steps: {real atoms, padded slots}, summed (padding waste = 1 − real /
     *         padded), with batches of {@code batchSize} clouds padded to their largest
     */
    long[] padding(final java.util.List<dev.flowmatch.engine.chem.PointCloud> train, final int steps,
        final int copies, final int batchSize) {
        long real = 0;
        long padded = 0;
        for (int s = 0; s < steps; s++) {
            int max = 0;
            for (int i : withCopies(s, copies)) {
                int n = train.get(i).size();
                real += n;
                max = Math.max(max, n);
            }
            padded += (long)max * batchSize;
        }
        return new long[]{real, padded};
    }

    /** @return a plan whose batches group molecules of similar atom count ({@code sizes[i]}: atoms of item i) */
    static BatchPlan bySize(final int[] sizes, final int batch, final long seed) {
        return new BatchPlan(sizes.length, batch, seed, sizes.clone());
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
        var out = new int[m_batch];
        if (m_sizes != null && m_size >= m_batch) {
            bucketed(epoch);
            int from = Math.min(m_sliceOrder[pos] * m_batch, m_size - m_batch);
            System.arraycopy(m_sorted, from, out, 0, m_batch);
            return out;
        }
        var perm = permutation(epoch);
        for (int j = 0; j < m_batch; j++) {
            out[j] = perm[(pos * m_batch + j) % m_size];
        }
        return out;
    }

    /** Caches the epoch's permutation sorted stably by size, and the order its slices are visited in. */
    private void bucketed(final int epoch) {
        if (epoch == m_cachedEpoch) {
            return;
        }
        var perm = permutation(epoch);
        // Stable counting sort by atom count: within one count the random order of the permutation remains.
        int max = 0;
        for (int s : m_sizes) {
            max = Math.max(max, s);
        }
        var start = new int[max + 2];
        for (int s : m_sizes) {
            start[s + 1]++;
        }
        for (int k = 1; k < start.length; k++) {
            start[k] += start[k - 1];
        }
        var sorted = new int[m_size];
        for (int i : perm) {
            sorted[start[m_sizes[i]]++] = i;
        }
        int slices = stepsPerEpoch();
        var order = new int[slices];
        for (int k = 0; k < slices; k++) {
            order[k] = k;
        }
        var rng = new SplittableRandom(mix(m_seed ^ 0x5DEECE66DL, 2L * epoch)); // a stream of its own
        for (int k = slices - 1; k > 0; k--) {
            int j = rng.nextInt(k + 1);
            int t = order[k];
            order[k] = order[j];
            order[j] = t;
        }
        m_sorted = sorted;
        m_sliceOrder = order;
        m_cachedEpoch = epoch;
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
