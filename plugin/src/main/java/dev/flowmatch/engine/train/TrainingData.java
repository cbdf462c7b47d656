package dev.flowmatch.engine.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import dev.flowmatch.engine.chem.PointCloud;

/**
 * Training and validation molecules as point clouds, plus REPA targets (one encoder vector per molecule,
 * in the same order). Targets are supplied lazily and fetched at most once, so with REPA off (λ = 0) the
 * encoder never runs.
 */
public final class TrainingData {

    private final List<PointCloud> m_train;

    private final List<PointCloud> m_validation;

    private final Supplier<float[][]> m_trainTargets;

    private final Supplier<float[][]> m_validationTargets;

    /** Property values per training molecule (a row with NaN: missing), or null for unconditional data. */
    private final double[][] m_trainConditions;

    private final double[][] m_validationConditions;

    private float[][] m_trainCache;

    private float[][] m_validationCache;

    /**
     * @param trainTargets REPA targets of the training molecules, or null when there are none
     * @param validationTargets REPA targets of the validation molecules, or null
     */
    public TrainingData(final List<PointCloud> train, final List<PointCloud> validation,
        final Supplier<float[][]> trainTargets, final Supplier<float[][]> validationTargets) {
        this(train, validation, trainTargets, validationTargets, null, null);
    }

    private TrainingData(final List<PointCloud> train, final List<PointCloud> validation,
        final Supplier<float[][]> trainTargets, final Supplier<float[][]> validationTargets,
        final double[][] trainConditions, final double[][] validationConditions) {
        if (train.isEmpty()) {
            throw new IllegalArgumentException("There are no training molecules.");
        }
        m_train = List.copyOf(train);
        m_validation = List.copyOf(validation);
        m_trainTargets = trainTargets;
        m_validationTargets = validationTargets;
        m_trainConditions = trainConditions;
        m_validationConditions = validationConditions;
    }

    /**
     * @param train property values per training molecule, in order (a row holding NaN: that molecule trains
     *            without its condition)
     * @param validation the same for the validation molecules
     * @return the same molecules with their property values
     */
    public TrainingData withConditions(final double[][] train, final double[][] validation) {
        if (train.length != m_train.size() || validation.length != m_validation.size()) {
            throw new IllegalArgumentException("Property values: " + train.length + " and " + validation.length
                + " rows for " + m_train.size() + " training and " + m_validation.size() + " validation molecules.");
        }
        return new TrainingData(m_train, m_validation, m_trainTargets, m_validationTargets, train.clone(),
            validation.clone());
    }

    /** @return property values per training molecule, or null when the data has none */
    public double[][] trainConditions() {
        return m_trainConditions;
    }

    /** @return property values per validation molecule, or null when the data has none */
    public double[][] validationConditions() {
        return m_validationConditions;
    }

    public static TrainingData of(final List<PointCloud> train, final List<PointCloud> validation) {
        return new TrainingData(train, validation, null, null);
    }

    public List<PointCloud> train() {
        return m_train;
    }

    public List<PointCloud> validation() {
        return m_validation;
    }

    /** @return the training targets (computed on first call) */
    public synchronized float[][] trainTargets() {
        if (m_trainCache == null) {
            m_trainCache = checked(m_trainTargets, m_train.size(), "training");
        }
        return m_trainCache;
    }

    /** @return the validation targets (computed on first call) */
    public synchronized float[][] validationTargets() {
        if (m_validationCache == null) {
            m_validationCache = m_validation.isEmpty() ? new float[0][] : checked(m_validationTargets,
                m_validation.size(), "validation");
        }
        return m_validationCache;
    }

    /**
     * The same molecules with every REPA target minus the mean training target. Encoders whose outputs share
     * a large common direction (e.g. after a ReLU) make the cosine alignment nearly free for a constant
     * projector; centred targets keep only what differs between molecules. Molecule-level targets only.
     */
    public TrainingData withCentredTargets() {
        var train = trainTargets();
        var mean = new double[train[0].length];
        for (var v : train) {
            for (int k = 0; k < mean.length; k++) {
                mean[k] += v[k];
            }
        }
        for (int k = 0; k < mean.length; k++) {
            mean[k] /= train.length;
        }
        return new TrainingData(m_train, m_validation, () -> minus(train, mean), () -> minus(validationTargets(), mean),
            m_trainConditions, m_validationConditions);
    }

    private static float[][] minus(final float[][] vectors, final double[] mean) {
        var out = new float[vectors.length][];
        for (int i = 0; i < vectors.length; i++) {
            if (vectors[i].length != mean.length) {
                throw new IllegalArgumentException("Centring REPA targets needs one vector of " + mean.length
                    + " per molecule; target " + (i + 1) + " has " + vectors[i].length + ".");
            }
            out[i] = new float[mean.length];
            for (int k = 0; k < mean.length; k++) {
                out[i][k] = (float)(vectors[i][k] - mean[k]);
            }
        }
        return out;
    }

    private static float[][] checked(final Supplier<float[][]> s, final int n, final String what) {
        if (s == null) {
            throw new IllegalStateException("REPA is on, but no " + what + " targets (encoder embeddings) were given.");
        }
        var t = s.get();
        if (t.length != n) {
            throw new IllegalArgumentException(
                "REPA " + what + " targets: " + t.length + " vectors for " + n + " molecules.");
        }
        for (int i = 0; i < t.length; i++) {
            if (t[i] == null || t[i].length != t[0].length) {
                throw new IllegalArgumentException("REPA " + what + " target " + (i + 1) + " is missing or has length "
                    + (t[i] == null ? 0 : t[i].length) + " instead of " + t[0].length + ".");
            }
        }
        return t;
    }

    /** @return the items at the given indices (e.g. one side of {@link #split}), in that order */
    public static <T> List<T> pick(final List<T> all, final int[] indices) {
        var out = new ArrayList<T>(indices.length);
        for (int i : indices) {
            out.add(all.get(i));
        }
        return out;
    }

    /**
     * A reproducible random split of indices 0..n−1.
     *
     * @param validationFraction share held out, in [0, 1); at least one molecule stays for training
     * @return {training indices, validation indices}, each ascending
     */
    public static int[][] split(final int n, final double validationFraction, final long seed) {
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("Validation fraction must lie in [0, 1), got " + validationFraction + ".");
        }
        var order = new ArrayList<Integer>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, new Random(seed));
        int v = Math.min(n - 1, (int)Math.round(n * validationFraction));
        var val = order.subList(0, Math.max(0, v)).stream().mapToInt(Integer::intValue).sorted().toArray();
        var tr = order.subList(Math.max(0, v), n).stream().mapToInt(Integer::intValue).sorted().toArray();
        return new int[][]{tr, val};
    }
}
