package dev.flowmatch.engine.train;

import java.util.Locale;

import dev.flowmatch.engine.flow.coupling.CouplingKind;
import dev.flowmatch.engine.flow.discrete.DiscretePath;
import dev.flowmatch.engine.model.FlowLoss;

/**
 * How a velocity network is trained. Every random choice (batch order, noise, times, rotations) is a
 * function of (seed, step), so a run is reproducible and a resumed run continues the same sequence.
 *
 * @param steps total optimizer steps
 * @param batchSize molecules per step
 * @param learningRate peak learning rate of AdamW
 * @param warmupSteps linear warm-up from 0 to the peak, then cosine decay to 0 at {@code steps}
 * @param weightDecay decoupled weight decay (AdamW), applied to matrices only
 * @param clipNorm global gradient-norm clip; 0 for none
 * @param emaDecay decay of the exponential moving average of the weights used for sampling
 * @param seed seed of everything random
 * @param validateEvery steps between validation passes (and at the last step); 0 for only the last
 * @param rotationAugmentation rotate each training molecule uniformly at random every time it is used
 * @param path the probability path and parametrization
 * @param typeLoss how atom types are trained
 * @param coordWeight weight of the coordinate loss
 * @param typeWeight weight of the type loss
 * @param coupling how noise is paired with molecules
 * @param repa REPA settings (λ = 0: off)
 * @param sizeBuckets batches group molecules of similar atom count (less padding; see {@link BatchPlan#bySize});
 *        false in model files written before this setting existed
 * @param inputNoise standard deviation in Å of Gaussian noise added to the network's input coordinates x_t during
 *        training, the target kept clean (SemlaFlow and Megalodon use about 0.2 Å): the network learns to correct
 *        small bond-length errors; 0 = off, and 0 in model files written before this setting existed
 * @param typeFlow how atom types are noised and sampled (GAUSSIAN in older model files)
 * @param rotationCopies each molecule appears this many times in a batch, each copy rotated independently
 *        (TABASCO: 8); 1 = every molecule once (and in older model files)
 */
public record TrainingConfig(int steps, int batchSize, double learningRate, int warmupSteps, double weightDecay,
    double clipNorm, double emaDecay, long seed, int validateEvery, boolean rotationAugmentation, PathSettings path,
    FlowLoss.TypeLoss typeLoss, double coordWeight, double typeWeight, CouplingKind coupling, RepaConfig repa,
    boolean sizeBuckets, double inputNoise, TypeFlow typeFlow, int rotationCopies) {

    /** How atom types move from noise to data. */
    public enum TypeFlow {
        /**
         * Types as one-hot channels (scaled) on the coordinates' Gaussian path, integrated by the same ODE solver
         * and read back by argmax; model files written before this setting existed.
         */
        GAUSSIAN,
        /**
         * Discrete flow matching as TABASCO trains it: each atom shows its clean type with probability κ_t = α_t,
         * else a uniformly random type; the type head's cross-entropy is the loss, and sampling jumps between
         * types with rate κ̇_t/(1 − κ_t) toward the predicted posterior after each solver step.
         */
        DISCRETE
    }

    public TrainingConfig {
        check(steps >= 1, "steps must be ≥ 1, got " + steps);
        check(batchSize >= 1, "batch size must be ≥ 1, got " + batchSize);
        check(learningRate > 0 && Double.isFinite(learningRate), "learning rate must be > 0, got " + learningRate);
        check(warmupSteps >= 0, "warm-up steps must be ≥ 0, got " + warmupSteps);
        check(weightDecay >= 0, "weight decay must be ≥ 0, got " + weightDecay);
        check(clipNorm >= 0, "gradient clip norm must be ≥ 0 (0 = off), got " + clipNorm);
        check(emaDecay >= 0 && emaDecay < 1, "EMA decay must lie in [0, 1), got " + emaDecay);
        check(validateEvery >= 0, "validation interval must be ≥ 0, got " + validateEvery);
        check(path != null && typeLoss != null && coupling != null && repa != null,
            "path, type loss, coupling and REPA settings must be set");
        check(inputNoise >= 0 && inputNoise <= 2, "input coordinate noise must lie in [0, 2] Å, got " + inputNoise);
        if (typeFlow == null) { // model files written before this setting existed
            typeFlow = TypeFlow.GAUSSIAN;
        }
        if (rotationCopies == 0) { // idem
            rotationCopies = 1;
        }
        check(rotationCopies >= 1 && batchSize % rotationCopies == 0, "rotated copies per molecule must be ≥ 1 and"
            + " divide the batch size " + batchSize + ", got " + rotationCopies);
        check(rotationCopies == 1 || rotationAugmentation, "rotated copies of a molecule need rotation augmentation"
            + " (without it the copies would be identical)");
        check(typeFlow == TypeFlow.GAUSSIAN || typeLoss == FlowLoss.TypeLoss.CROSS_ENTROPY,
            "discrete type flow needs the cross-entropy type loss (its sampler jumps toward the predicted posterior)");
    }

    /**
     * The peak learning rate the QM9 recipe search measured best for the 4 × 128 network at batch 64 (5e-4, 1e-3,
     * 2e-3: connected validity rose monotonically; RESULTS.md, qm9-quality): the learner node's and the main job's
     * default.
     */
    public static final double RECOMMENDED_LEARNING_RATE = 2e-3;

    /** @return a sensible small default: batch 64, lr 5e-4 with 200 warm-up steps, EMA 0.999, clip 1 */
    public static TrainingConfig defaults(final int steps) {
        return new TrainingConfig(steps, 64, 5e-4, Math.min(200, steps / 10), 1e-4, 1.0, 0.999, 1, 0, true,
            PathSettings.defaults(), FlowLoss.TypeLoss.CROSS_ENTROPY, 1, 0.5, CouplingKind.INDEPENDENT,
            RepaConfig.off(), true, 0, TypeFlow.GAUSSIAN, 1);
    }

    public TrainingConfig withBatch(final int b, final double lr, final int warmup) {
        return new TrainingConfig(steps, b, lr, warmup, weightDecay, clipNorm, emaDecay, seed, validateEvery,
            rotationAugmentation, path, typeLoss, coordWeight, typeWeight, coupling, repa, sizeBuckets, inputNoise, typeFlow, rotationCopies);
    }

    public TrainingConfig withSeed(final long s) {
        return new TrainingConfig(steps, batchSize, learningRate, warmupSteps, weightDecay, clipNorm, emaDecay, s,
            validateEvery, rotationAugmentation, path, typeLoss, coordWeight, typeWeight, coupling, repa,
            sizeBuckets, inputNoise, typeFlow, rotationCopies);
    }

    public TrainingConfig withEma(final double decay) {
        return new TrainingConfig(steps, batchSize, learningRate, warmupSteps, weightDecay, clipNorm, decay, seed,
            validateEvery, rotationAugmentation, path, typeLoss, coordWeight, typeWeight, coupling, repa,
            sizeBuckets, inputNoise, typeFlow, rotationCopies);
    }

    public TrainingConfig withValidation(final int every) {
        return new TrainingConfig(steps, batchSize, learningRate, warmupSteps, weightDecay, clipNorm, emaDecay, seed,
            every, rotationAugmentation, path, typeLoss, coordWeight, typeWeight, coupling, repa,
            sizeBuckets, inputNoise, typeFlow, rotationCopies);
    }

    public TrainingConfig withAugmentation(final boolean on) {
        return new TrainingConfig(steps, batchSize, learningRate, warmupSteps, weightDecay, clipNorm, emaDecay, seed,
            validateEvery, on, path, typeLoss, coordWeight, typeWeight, coupling, repa, sizeBuckets, inputNoise, typeFlow, rotationCopies);
    }

    public TrainingConfig withPath(final PathSettings p) {
        return new TrainingConfig(steps, batchSize, learningRate, warmupSteps, weightDecay, clipNorm, emaDecay, seed,
            validateEvery, rotationAugmentation, p, typeLoss, coordWeight, typeWeight, coupling, repa, sizeBuckets, inputNoise, typeFlow, rotationCopies);
    }

    public TrainingConfig withRepa(final RepaConfig r) {
        return new TrainingConfig(steps, batchSize, learningRate, warmupSteps, weightDecay, clipNorm, emaDecay, seed,
            validateEvery, rotationAugmentation, path, typeLoss, coordWeight, typeWeight, coupling, r, sizeBuckets, inputNoise, typeFlow, rotationCopies);
    }

    public TrainingConfig withCoupling(final CouplingKind c) {
        return new TrainingConfig(steps, batchSize, learningRate, warmupSteps, weightDecay, clipNorm, emaDecay, seed,
            validateEvery, rotationAugmentation, path, typeLoss, coordWeight, typeWeight, c, repa, sizeBuckets, inputNoise, typeFlow, rotationCopies);
    }

    public TrainingConfig withLossWeights(final double coords, final double types) {
        return new TrainingConfig(steps, batchSize, learningRate, warmupSteps, weightDecay, clipNorm, emaDecay, seed,
            validateEvery, rotationAugmentation, path, typeLoss, coords, types, coupling, repa, sizeBuckets, inputNoise, typeFlow, rotationCopies);
    }

    public TrainingConfig withSizeBuckets(final boolean on) {
        return new TrainingConfig(steps, batchSize, learningRate, warmupSteps, weightDecay, clipNorm, emaDecay, seed,
            validateEvery, rotationAugmentation, path, typeLoss, coordWeight, typeWeight, coupling, repa, on, inputNoise, typeFlow, rotationCopies);
    }

    public TrainingConfig withInputNoise(final double angstrom) {
        return new TrainingConfig(steps, batchSize, learningRate, warmupSteps, weightDecay, clipNorm, emaDecay, seed,
            validateEvery, rotationAugmentation, path, typeLoss, coordWeight, typeWeight, coupling, repa, sizeBuckets,
            angstrom, typeFlow, rotationCopies);
    }

    /**
     * TABASCO's objective beyond x1 prediction: discrete type flow, and each molecule of a batch repeated in
     * {@code copies} independent random rotations (TABASCO: 8), so a batch of B holds B / copies molecules.
     */
    public TrainingConfig withTypeFlow(final TypeFlow flow, final int copies) {
        return new TrainingConfig(steps, batchSize, learningRate, warmupSteps, weightDecay, clipNorm, emaDecay, seed,
            validateEvery, rotationAugmentation, path, typeLoss, coordWeight, typeWeight, coupling, repa, sizeBuckets,
            inputNoise, flow, copies);
    }

    /**
     * @param atomTypes K
     * @return the mixture path of discrete type flow (κ_t = the coordinates' α_t, uniform source, as TABASCO), one
     *         definition for training and sampling; null when types follow the Gaussian path
     */
    public DiscretePath discreteTypePath(final int atomTypes) {
        return typeFlow == TypeFlow.DISCRETE ? new DiscretePath(
            path.path().scheduler(), atomTypes, DiscretePath.Noise.UNIFORM) : null;
    }

    /** @return distinct molecules per batch (the batch size over the rotated copies of each) */
    public int moleculesPerBatch() {
        return batchSize / rotationCopies;
    }

    /** @return optimizer steps for whole epochs over {@code molecules} in batches of {@code batch} */
    public static int stepsForEpochs(final int epochs, final int molecules, final int batch) {
        return epochs * new BatchPlan(molecules, batch, 0).stepsPerEpoch();
    }

    /** @return the learning rate at a step (0-based): linear warm-up, then cosine decay to 0 at the end */
    public double learningRateAt(final int step) {
        return warmupCosine(learningRate, warmupSteps, steps, step);
    }

    /**
     * The schedule every training loop of ours uses (the flow learner and encoder pretraining).
     *
     * @return at a 0-based step of {@code steps}: the peak rate ramped linearly over {@code warmup} steps, then
     *         decayed along a half cosine to 0 at the last step
     */
    static double warmupCosine(final double peak, final int warmup, final int steps, final int step) {
        if (step < warmup) {
            return peak * (step + 1) / (warmup + 1);
        }
        int decaySteps = Math.max(1, steps - warmup);
        double progress = Math.min(1.0, (step - warmup) / (double)decaySteps);
        return peak * 0.5 * (1 + Math.cos(Math.PI * progress));
    }

    private static void check(final boolean ok, final String message) {
        if (!ok) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "Training setting: %s.", message));
        }
    }
}
