package dev.flowmatch.engine.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.flowmatch.engine.chem.PaddedBatch;
import dev.flowmatch.engine.chem.PointCloud;
import dev.flowmatch.engine.compute.BatchArrays;
import dev.flowmatch.engine.compute.TorchRuntime;
import dev.flowmatch.engine.flow.GaussianPrior;
import dev.flowmatch.engine.flow.PerSample;
import dev.flowmatch.engine.flow.coupling.Coupling;
import dev.flowmatch.engine.flow.discrete.DiscretePath;
import dev.flowmatch.engine.flow.discrete.OneHot;
import dev.flowmatch.engine.flow.path.AffinePath;
import dev.flowmatch.engine.flow.path.PathSample;
import dev.flowmatch.engine.model.CleanEstimate;
import dev.flowmatch.engine.model.FlowLoss;
import dev.flowmatch.engine.model.ModelConfig;
import dev.flowmatch.engine.model.RepaHead;
import dev.flowmatch.engine.model.RepaLoss;
import dev.flowmatch.engine.model.StateLayout;
import dev.flowmatch.engine.model.VelocityTransformer;

/**
 * Trains a {@link VelocityTransformer} with the conditional flow-matching loss (plus λ·REPA when on):
 * AdamW with warm-up and cosine decay, global-norm clipping, EMA weights, rotation augmentation, a
 * validation pass with fixed noise, per-step and per-epoch metrics, cancellation and checkpoints.
 *
 * <p>Memory: parameters, optimizer moments and EMA live in the trainer's manager; everything a step or a
 * validation pass computes lives in a sub-manager closed at its end, so a long run does not grow.
 */
public final class Trainer implements AutoCloseable {

    final Representation m_representation;

    final ModelConfig m_architecture;

    final TrainingConfig m_config;

    final int m_repaDim;

    /** The properties the network is conditioned on, or null. */
    final Conditions m_conditions;

    final NDManager m_manager;

    final VelocityTransformer m_model;

    final RepaHead m_repa;

    final List<Parameter> m_modelParameters;

    final AdamW m_adam;

    final Ema m_ema;

    int m_step;

    /** What the weights started from: "" for random weights, else the fine-tuned model's lineage. */
    String m_startedFrom = "";

    /** Size of the training set last trained on (for the model's summary). */
    int m_trainingMolecules;

    private final ParameterStore m_store;

    private final AffinePath m_path;

    private final FlowLoss m_loss;

    private final RepaLoss m_repaLoss;

    private final Coupling m_coupling;

    private final StateLayout m_layout;

    /** The mixture path of discrete type flow, or null when types follow the Gaussian path. */
    private final DiscretePath m_types;

    private final List<StepMetrics> m_steps = new ArrayList<>();

    private final List<ValidationMetrics> m_validations = new ArrayList<>();

    private final List<EpochMetrics> m_epochs = new ArrayList<>();

    private final EpochAccumulator m_epoch = new EpochAccumulator();

    /**
     * @param repaDim encoder dimension E of the REPA targets; ignored (no projector is built) when REPA is off
     */
    public Trainer(final Representation representation, final ModelConfig architecture, final TrainingConfig config,
        final int repaDim, final Device device) {
        this(representation, architecture, config, repaDim, device, null);
    }

    /**
     * @param conditions the properties the network is conditioned on (null: unconditional); their number must be
     *            the architecture's {@link ModelConfig#conditions()}
     */
    public Trainer(final Representation representation, final ModelConfig architecture, final TrainingConfig config,
        final int repaDim, final Device device, final Conditions conditions) {
        if (architecture.conditions() != (conditions == null ? 0 : conditions.size())) {
            throw new IllegalArgumentException("The network takes " + architecture.conditions() + " conditions but "
                + (conditions == null ? "none are" : conditions.size() + " are") + " given.");
        }
        m_conditions = conditions;
        if (architecture.atomTypes() != representation.vocabulary().size()) {
            throw new IllegalArgumentException("The model has " + architecture.atomTypes() + " atom types but the"
                + " vocabulary " + representation.vocabulary().size() + ".");
        }
        if (config.repa().enabled() && config.repa().layer() > architecture.depth()) {
            throw new IllegalArgumentException("REPA layer " + config.repa().layer() + " does not exist: the model has "
                + architecture.depth() + " blocks.");
        }
        if (config.repa().enabled() && repaDim < 1) {
            throw new IllegalArgumentException("REPA is on but the encoder dimension is " + repaDim + ".");
        }
        m_representation = representation;
        m_architecture = architecture;
        m_config = config;
        m_repaDim = config.repa().enabled() ? repaDim : 0;
        m_manager = TorchRuntime.newManager(device);
        m_model = new VelocityTransformer(architecture);
        m_model.initialize(m_manager, config.seed());
        m_modelParameters = trainable(m_model.getParameters().values());
        var all = new ArrayList<>(m_modelParameters);
        if (config.repa().enabled()) {
            m_repa = new RepaHead(architecture.width(), config.repa().projectorHidden(), repaDim);
            m_repa.initialize(m_manager, BatchPlan.mix(config.seed(), -7));
            all.addAll(trainable(m_repa.getParameters().values()));
            m_repaLoss = config.repa().lossFunction();
        } else {
            m_repa = null;
            m_repaLoss = null;
        }
        m_adam = new AdamW(all, m_manager);
        m_ema = new Ema(m_modelParameters, m_manager, config.emaDecay());
        m_store = new ParameterStore(m_manager, false);
        m_path = config.path().path();
        m_loss = new FlowLoss(config.path().parametrization(), config.path().factor(), config.typeLoss(),
            config.coordWeight(), config.typeWeight());
        m_coupling = config.coupling().create();
        m_layout = representation.layout();
        m_types = config.discreteTypePath(architecture.atomTypes());
    }

    private static List<Parameter> trainable(final List<Parameter> ps) {
        return ps.stream().filter(Parameter::requiresGradient).toList();
    }

    /** @return the network being trained (current, not averaged, weights) */
    public VelocityTransformer model() {
        return m_model;
    }

    /** @return the REPA projector, or null when REPA is off */
    public RepaHead repaHead() {
        return m_repa;
    }

    /** @return steps completed */
    public int step() {
        return m_step;
    }

    public List<StepMetrics> stepMetrics() {
        return Collections.unmodifiableList(m_steps);
    }

    public List<ValidationMetrics> validationMetrics() {
        return Collections.unmodifiableList(m_validations);
    }

    public List<EpochMetrics> epochMetrics() {
        return Collections.unmodifiableList(m_epochs);
    }

    /** Trains to the configured number of steps. */
    public void train(final TrainingData data, final TrainingListener listener) {
        train(data, listener, m_config.steps());
    }

    /**
     * Trains until {@code untilStep} steps are done (at most the configured total).
     *
     * @throws CancellationException when the listener cancels (the completed steps are kept)
     */
    public void train(final TrainingData data, final TrainingListener listener, final int untilStep) {
        checkData(data);
        m_trainingMolecules = data.train().size();
        var plan = plan(data);
        int end = Math.min(untilStep, m_config.steps());
        while (m_step < end) {
            if (listener.isCancelled()) {
                throw new CancellationException("Training cancelled after " + m_step + " of " + m_config.steps()
                    + " steps.");
            }
            var m = step(data, plan, m_step);
            m_step++;
            m_steps.add(m);
            listener.onStep(m, m_config.steps());
            m_epoch.add(m);
            boolean lastOfEpoch = m_step % plan.stepsPerEpoch() == 0 || m_step == m_config.steps();
            int every = m_config.validateEvery();
            if (!data.validation().isEmpty() && (m_step == m_config.steps() || every > 0 && m_step % every == 0)) {
                var v = validate(data);
                m_validations.add(v);
                m_epoch.validation(v.loss());
                listener.onValidation(v);
            }
            if (lastOfEpoch) {
                var e = m_epoch.finish(m.epoch(), m_step, m.learningRate());
                m_epochs.add(e);
                listener.onEpoch(e);
            }
        }
    }

    /** @return the batches of a training set: bucketed by atom count when configured */
    BatchPlan plan(final TrainingData data) {
        return BatchPlan.of(m_config, data.train());
    }

    /** @return the batch of a step: the plan's molecules, each repeated for its rotated copies */
    int[] batchIndices(final BatchPlan plan, final int step) {
        return plan.withCopies(step, m_config.rotationCopies());
    }

    /**
     * @return for the first {@code steps} steps of this trainer's batch plan: {real atoms, padded slots}, summed
     *         (padding waste = 1 − real / padded), without training
     */
    public long[] paddingOf(final TrainingData data, final int steps) {
        return plan(data).padding(data.train(), steps, m_config.rotationCopies(), m_config.batchSize());
    }

    private void checkData(final TrainingData data) {
        for (var list : List.of(data.train(), data.validation())) {
            for (var c : list) {
                if (c.size() > m_representation.maxAtoms()) {
                    throw new IllegalArgumentException("Molecule " + c.id() + " has " + c.size()
                        + " atoms, more than the model's maximum of " + m_representation.maxAtoms() + ".");
                }
            }
        }
    }

    private StepMetrics step(final TrainingData data, final BatchPlan plan, final int step) {
        long t0 = System.nanoTime();
        var rng = plan.random(step);
        var idx = batchIndices(plan, step);
        var clouds = BatchPlan.select(data.train(), idx, m_config.rotationAugmentation(), rng);
        double lr = m_config.learningRateAt(step);
        double[] parts;
        try (var scope = m_manager.newSubManager()) {
            var targets = m_repa == null ? null
                : RepaBatches.of(data.trainTargets(), idx, clouds, m_repaDim, scope);
            var condition = ConditionBatches.of(m_conditions, data.trainConditions(), idx, rng, scope, true);
            parts = TorchRuntime.collectGradients(collector -> {
                var r = evaluate(clouds, targets, condition, rng, scope, true);
                collector.backward(r.total);
                return r.values();
            });
        }
        double norm;
        try {
            norm = m_adam.step(step + 1, lr, m_config.weightDecay(), m_config.clipNorm());
        } catch (IllegalStateException e) { // which term went wrong tells a bad setting from bad data
            throw new IllegalStateException(String.format(java.util.Locale.ROOT, "%s Losses of that step: total %g, coordinates"
                + " %g, types %g, REPA %g.", e.getMessage(), parts[0], parts[1], parts[2], parts[3]), e);
        }
        m_ema.update(step + 1);
        return new StepMetrics(step + 1, plan.epochOf(step), parts[0], parts[1], parts[2], parts[3], parts[4], lr, norm,
            (System.nanoTime() - t0) / 1e9);
    }

    /** Losses of one batch: flow matching (+ REPA), with every array in the scope. */
    private Evaluation evaluate(final List<PointCloud> clouds, final NDArray targets, final NDArray condition,
        final Random rng, final NDManager scope, final boolean training) {
        int n = clouds.stream().mapToInt(PointCloud::size).max().orElseThrow();
        var batch = BatchArrays.of(PaddedBatch.of(clouds, n), scope);
        var mask = batch.mask();
        var x1 = m_layout.clean(batch);
        var x0 = m_layout.noise(mask, rng, m_coupling, x1);
        double[] t = m_config.path().sampler().sample(clouds.size(), rng);
        PathSample ps = m_path.sample(x0, x1, t);
        var tArray = PerSample.of(t, x1, new Shape(t.length));
        var xt = ps.xt();
        if (m_types != null) { // discrete type flow: the type channels show the mixture path's types, one-hot
            var shown = m_types.sample(batch.types(), mask, t, rng);
            xt = StateLayout.coords(xt).concat(OneHot.encode(shown, mask, m_layout.atomTypes(), m_layout.typeScale()),
                2);
        }
        if (training && m_config.inputNoise() > 0) { // only the input moves: the path's target stays clean
            var jitter = new GaussianPrior(false).sample(mask, 3, rng).mul((float)(m_config.inputNoise()
                / m_layout.coordScale()));
            xt = xt.add(NDArrays.concat(new NDList(jitter, scope.zeros(new Shape(clouds.size(), n,
                m_layout.atomTypes()), xt.getDataType())), 2));
        }
        var inputs = new NDList(xt, tArray, mask);
        if (condition != null) {
            inputs.add(condition);
        }
        // self-conditioning: half the training batches (all validation batches, as sampling after its first
        // step) first estimate x1 without gradient and feed that estimate to the pass that is trained
        if (m_architecture.selfConditioning() && (!training || rng.nextBoolean())) {
            var first = VelocityTransformer.unpack(m_model.forward(m_store, new NDList(inputs), training));
            inputs.add(CleanEstimate.of(first, m_path, m_config.path().parametrization(), m_config.typeLoss(),
                m_layout.typeScale(), xt, t));
        }
        var out = m_model.forward(m_store, inputs, training);
        var prediction = VelocityTransformer.unpack(out);
        var loss = m_loss.compute(prediction, ps, batch.types(), mask);
        var total = loss.total();
        double repa = Double.NaN;
        double cosine = Double.NaN;
        int inWindow = 0;
        if (m_repa != null) {
            var hidden = prediction.hidden().get(m_config.repa().layer() - 1);
            var projected = m_repa.forward(m_store, new NDList(hidden), training).head();
            var r = m_repaLoss.compute(projected, targets, mask, t);
            if (r.inWindow() > 0) {
                total = total.add(dev.flowmatch.engine.compute.Nn.scale(r.loss(), m_config.repa().lambda()));
                repa = r.loss().toType(DataType.FLOAT64, false).getDouble();
                cosine = r.cosine();
                inWindow = r.inWindow();
            }
        }
        return new Evaluation(total, loss.total().toType(DataType.FLOAT64, false).getDouble(),
            loss.coords().toType(DataType.FLOAT64, false).getDouble(),
            loss.types().toType(DataType.FLOAT64, false).getDouble(), repa, cosine, inWindow);
    }

    private record Evaluation(NDArray total, double flow, double coords, double types, double repa, double cosine,
        int inWindow) {
        /** @return {total, coords, types, repa, cosine} with total = flow + λ·repa as a number */
        double[] values() {
            double t = total.toType(DataType.FLOAT64, false).getDouble();
            return new double[]{t, coords, types, repa, cosine};
        }
    }

    /** @return losses on the validation set with fixed noise and times per validation batch */
    public ValidationMetrics validate(final TrainingData data) {
        var val = data.validation();
        if (val.isEmpty()) {
            return new ValidationMetrics(m_step, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double loss = 0;
        double coords = 0;
        double types = 0;
        double cos = 0;
        int cosCount = 0;
        int bs = m_config.batchSize();
        for (int start = 0, b = 0; start < val.size(); start += bs, b++) {
            int end = Math.min(val.size(), start + bs);
            var idx = java.util.stream.IntStream.range(start, end).toArray();
            var clouds = val.subList(start, end);
            try (var scope = m_manager.newSubManager()) {
                var targets = m_repa == null ? null
                    : RepaBatches.of(data.validationTargets(), idx, clouds, m_repaDim, scope);
                var condition = ConditionBatches.of(m_conditions, data.validationConditions(), idx, null, scope,
                    false);
                var r = evaluate(clouds, targets, condition, new Random(BatchPlan.mix(m_config.seed(), -2L * (b + 1))),
                    scope, false);
                double w = end - start;
                loss += r.flow() * w;
                coords += r.coords() * w;
                types += r.types() * w;
                if (r.inWindow() > 0) {
                    cos += r.cosine() * r.inWindow();
                    cosCount += r.inWindow();
                }
            }
        }
        int n = val.size();
        return new ValidationMetrics(m_step, loss / n, coords / n, types / n, cosCount > 0 ? cos / cosCount : Double.NaN);
    }

    @Override
    public void close() {
        m_manager.close();
    }
}
