package dev.flowmatch.engine.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.flowmatch.engine.chem.PointCloud;
import dev.flowmatch.engine.compute.TorchRuntime;
import dev.flowmatch.engine.flow.solver.OdeSolver;
import dev.flowmatch.engine.flow.solver.TimeGrid;
import dev.flowmatch.engine.compute.ZipArchive;
import dev.flowmatch.engine.model.ModelConfig;
import dev.flowmatch.engine.model.VelocityTransformer;

/**
 * A trained model ready for sampling: the network with its EMA weights (the REPA projector is dropped),
 * the representation, the path it was trained on and a training summary. Saved as a self-describing zip:
 * {@code model.json} (format, version, vocabulary, max atoms, path, architecture, normalisation, summary),
 * the EMA weights, the current weights and the training curve; loading checks the header and every setting
 * before building the network.
 */
public final class FlowModel implements AutoCloseable {

    static final String FORMAT = "flowmatch-model";

    static final int VERSION = 1;

    private static final String HEADER = "model.json";

    private static final String EMA_WEIGHTS = "ema-weights.djl";

    private static final String RAW_WEIGHTS = "weights.ndlist";

    /**
     * Most bytes a model file may have: its header (at most 16 MB) and the averaged and raw weights of a network
     * at {@link ModelConfig#MAX_PARAMETERS} (200 MB each), with room. Bounds what a port object read from a
     * workflow holds before the file itself is read.
     */
    public static final long MAX_FILE_BYTES = 512L << 20;

    /** What a model file holds besides its header. */
    private static final java.util.Set<String> ENTRIES = java.util.Set.of(EMA_WEIGHTS, RAW_WEIGHTS);

    private final Representation m_representation;

    private final ModelConfig m_architecture;

    private final TrainingConfig m_training;

    private final TrainingSummary m_summary;

    private final List<EpochMetrics> m_curve;

    private final NDManager m_manager;

    private final VelocityTransformer m_network;

    private final byte[] m_rawWeights;

    /** The properties the network is conditioned on, or null (unconditional; files from before conditioning). */
    private Conditions m_conditions;

    /** @param rawWeights the current (not averaged) weights, DJL-encoded, or null */
    private FlowModel(final Representation representation, final ModelConfig architecture,
        final TrainingConfig training, final TrainingSummary summary, final List<EpochMetrics> curve,
        final byte[] rawWeights, final Device device) {
        m_representation = representation;
        m_architecture = architecture;
        m_training = training;
        m_summary = summary;
        m_curve = List.copyOf(curve);
        m_manager = TorchRuntime.newManager(device);
        m_network = new VelocityTransformer(architecture);
        m_network.initialize(m_manager, training.seed());
        m_rawWeights = rawWeights;
    }

    /** @return the trainer's EMA weights as a sampling model (on the given device) */
    public static FlowModel of(final Trainer trainer, final String encoder, final Device device) {
        var curve = trainer.epochMetrics();
        var vals = trainer.validationMetrics();
        var last = vals.isEmpty() ? null : vals.get(vals.size() - 1);
        double finalLoss = curve.isEmpty() ? Double.NaN : curve.get(curve.size() - 1).loss();
        double seconds = trainer.stepMetrics().stream().mapToDouble(StepMetrics::seconds).sum();
        var summary = new TrainingSummary(trainer.step(), trainer.m_trainingMolecules, finalLoss,
            last == null ? Double.NaN : last.loss(), last == null ? Double.NaN : last.cosine(), seconds,
            trainer.model().parameterCount(), trainer.m_repa == null ? "" : encoder, trainer.m_startedFrom);
        var raw = new ai.djl.ndarray.NDList();
        trainer.m_modelParameters.forEach(p -> raw.add(p.getArray()));
        var model = new FlowModel(trainer.m_representation, trainer.m_architecture, trainer.m_config, summary, curve,
            raw.encode(), device);
        model.m_conditions = trainer.m_conditions;
        var ema = trainer.m_ema.weights();
        var params = model.m_network.getParameters().values().stream().filter(p -> p.requiresGradient()).toList();
        for (int i = 0; i < params.size(); i++) {
            AdamW.copyInto(ema.get(i), params.get(i).getArray());
        }
        return model;
    }

    /**
     * A sampling model from weights trained outside this engine, by the PyTorch twin of the network on a GPU
     * (benchmarks/torch): every trainable parameter of the architecture must be given, by its name in
     * {@link VelocityTransformer#getParameters()}, with exactly its number of values (row-major, as the shape).
     *
     * @throws IllegalArgumentException naming the first parameter that is missing, unknown or of another size
     */
    public static FlowModel ofWeights(final Representation representation, final ModelConfig architecture,
        final TrainingConfig training, final TrainingSummary summary, final List<EpochMetrics> curve,
        final java.util.Map<String, float[]> weights, final Device device) {
        var model = new FlowModel(representation, architecture, training, summary, curve, null, device);
        try {
            var used = new java.util.HashSet<String>();
            for (var p : model.m_network.getParameters()) {
                if (!p.getValue().requiresGradient()) {
                    continue; // adaLN's fixed layer-norm scale and shift are not trained anywhere
                }
                var w = p.getValue().getArray();
                var values = weights.get(p.getKey());
                if (values == null || values.length != w.size()) {
                    throw new IllegalArgumentException("Weights for parameter " + p.getKey() + " " + w.getShape()
                        + (values == null ? " are missing." : " have " + values.length + " values."));
                }
                w.set(java.nio.FloatBuffer.wrap(values));
                used.add(p.getKey());
            }
            if (!used.containsAll(weights.keySet())) {
                var unknown = new java.util.TreeSet<>(weights.keySet());
                unknown.removeAll(used);
                throw new IllegalArgumentException("Weights for parameters the architecture does not have: " + unknown);
            }
            return model;
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    public Representation representation() {
        return m_representation;
    }

    public ModelConfig architecture() {
        return m_architecture;
    }

    public TrainingConfig training() {
        return m_training;
    }

    public TrainingSummary summary() {
        return m_summary;
    }

    /** @return the properties this model is conditioned on, or null for an unconditional model */
    public Conditions conditions() {
        return m_conditions;
    }

    public List<EpochMetrics> curve() {
        return m_curve;
    }

    /** @return the network (EMA weights) */
    public VelocityTransformer network() {
        return m_network;
    }

    /** @return a readable multi-line description for the port view */
    public String describe() {
        return String.format(Locale.ROOT,
            "Flow-matching model (format %d)%n%s%nArchitecture: %d blocks × %d wide, %d heads, %s, positional %s,%s %,d"
                + " parameters%nPath: %s; types by %s (%s flow)%nTraining: %d steps%s, final loss %.4f, validation %.4f%s",
            VERSION, m_representation, m_architecture.depth(), m_architecture.width(), m_architecture.heads(),
            m_architecture.conditioning(), m_architecture.positionalEncoding() ? "on" : "off",
            m_architecture.geometry().equals(dev.flowmatch.engine.model.Geometry.NONE) ? ""
                : " " + m_architecture.geometry().describe() + ",",
            m_network.parameterCount(), m_training.path().describe(), m_training.typeLoss(),
            m_training.typeFlow().name().toLowerCase(Locale.ROOT), m_summary.steps(),
            m_summary.startedFrom().isEmpty() ? "" : " fine-tuned from " + m_summary.startedFrom(),
            m_summary.finalLoss(), m_summary.validationLoss(), m_summary.encoder().isEmpty() ? ", REPA off"
                : String.format(Locale.ROOT, ", REPA λ=%g with %s (cosine %.3f)", m_training.repa().lambda(),
                    m_summary.encoder(), m_summary.alignmentCosine()))
            + (m_conditions == null ? "" : String.format(Locale.ROOT, "%nConditioned on %s (condition dropout %.2f)",
                m_conditions.describe(), m_conditions.dropout()));
    }

    /**
     * Integrates the learned field from noise for molecules of the given sizes.
     *
     * @param atomCounts atoms of each molecule to generate (each 1..max atoms)
     * @param chunk molecules integrated together (bounds memory)
     * @return generated clouds in input order, and the field evaluations used
     */
    public Generated generate(final int[] atomCounts, final OdeSolver solver, final TimeGrid grid, final long seed,
        final int chunk) {
        return generate(atomCounts, solver, grid, seed, chunk, false, 1);
    }

    /**
     * As above, optionally also decoding the state of every molecule at every time the solver visited (for
     * trajectory tables and animations), titling molecule i "generated (firstNumber + i)": callers that generate a
     * large set in parts number it across the parts. Molecules are integrated in chunks of similar size (the
     * requests sorted by atom count), so a chunk pads little; results come back in the order requested.
     */
    public Generated generate(final int[] atomCounts, final OdeSolver solver, final TimeGrid grid, final long seed,
        final int chunk, final boolean trajectory, final int firstNumber) {
        return generate(atomCounts, solver, grid, seed, chunk, trajectory, firstNumber, null);
    }

    /**
     * Langevin corrections during sampling ({@link dev.flowmatch.engine.flow.solver.LangevinCorrection}): after
     * each solver step that ends at t in [tStart, tEnd), one Langevin step of the given strength on p_t.
     */
    public record Langevin(double tStart, double tEnd, double strength) {
    }

    /** As above, with Langevin corrections (null: none), seeded per chunk from {@code seed}. */
    public Generated generate(final int[] atomCounts, final OdeSolver solver, final TimeGrid grid, final long seed,
        final int chunk, final boolean trajectory, final int firstNumber, final Langevin langevin) {
        return generate(atomCounts, solver, grid, seed, chunk, trajectory, firstNumber, langevin, null);
    }

    /**
     * As above, each molecule conditioned on its requested property values (null: unconditional sampling; a
     * conditioned model then samples its unconditional field).
     */
    public Generated generate(final int[] atomCounts, final OdeSolver solver, final TimeGrid grid, final long seed,
        final int chunk, final boolean trajectory, final int firstNumber, final Langevin langevin,
        final PropertyTargets targets) {
        return ChunkedGeneration.run(this, atomCounts, solver, grid, seed, chunk, trajectory, firstNumber, langevin,
            targets);
    }

    NDManager manager() {
        return m_manager;
    }

    /**
     * @param clouds generated molecules
     * @param nfe field evaluations each molecule was integrated with (the most any chunk needed)
     * @param trajectories per molecule, its state at each solver time (empty unless asked for)
     */
    public record Generated(List<PointCloud> clouds, int nfe, List<List<Frame>> trajectories) {
    }

    /** The decoded state of one molecule at time t. */
    public record Frame(double t, PointCloud cloud) {
    }

    /**
     * @param targets property values per molecule (a conditioned model's targets)
     * @return an atom count per molecule drawn from p(N | c) where the model learnt it and the row is complete,
     *         else from the training histogram
     */
    public int[] sampleAtomCounts(final double[][] targets, final Random rng) {
        var sizes = m_conditions == null ? null : m_conditions.atomCounts();
        var out = new int[targets.length];
        for (int i = 0; i < targets.length; i++) {
            var c = sizes == null ? null : m_conditions.standardize(targets[i]);
            out[i] = c == null ? m_representation.sampleAtomCounts(1, rng)[0]
                : Math.min(sizes.sample(c, rng), m_representation.maxAtoms());
        }
        return out;
    }

    /**
     * Gives a conditioned model that predates p(N | c) (files written before it was learnt with the conditions)
     * the atom count given the properties, learnt from its training molecules; it is saved with the model.
     *
     * @param sizes per training molecule its atom count
     * @param values per training molecule its property values in the conditions' order (null: none)
     */
    public void learnAtomCounts(final int[] sizes, final double[][] values) {
        if (m_conditions == null) {
            throw new IllegalStateException("This model is not conditioned on properties.");
        }
        m_conditions = m_conditions.withAtomCounts(sizes, values);
    }

    /** @return n atom counts drawn from the training data's histogram */
    public int[] sampleAtomCounts(final int n, final Random rng) {
        return m_representation.sampleAtomCounts(n, rng);
    }

    public void save(final Path file) throws IOException {
        save(file, true);
    }

    /**
     * @param rawWeights also write the current (not averaged) weights, which only resuming training needs; a
     *            model for sampling alone (e.g. one shipped in the plugin) is half the size without them
     */
    public void save(final Path file, final boolean rawWeights) throws IOException {
        var json = Checkpoint.settingsHeader(FORMAT, VERSION, m_representation, m_architecture, m_training);
        json.add("summary", ZipArchive.GSON.toJsonTree(m_summary));
        json.add("curve", ZipArchive.GSON.toJsonTree(m_curve));
        if (m_conditions != null) {
            json.add("conditions", ZipArchive.GSON.toJsonTree(m_conditions));
        }
        var entries = new LinkedHashMap<String, byte[]>();
        entries.put(EMA_WEIGHTS, ZipArchive.parameters(m_network));
        if (rawWeights && m_rawWeights != null) {
            entries.put(RAW_WEIGHTS, m_rawWeights);
        }
        ZipArchive.write(file, HEADER, json, entries);
    }

    /**
     * @throws IOException naming the file and the problem (not a model, newer version, invalid setting,
     *             weights that do not fit the architecture)
     */
    public static FlowModel load(final Path file, final Device device) throws IOException {
        return load(ZipArchive.read(file, HEADER, ENTRIES, FlowModel::weightBounds), file, device);
    }

    /**
     * @return each weight entry's bound from the architecture the header declares, so that no file (however
     *         crafted) makes us inflate more than its own network needs; the architecture's validating constructor
     *         refuses networks above {@link ModelConfig#MAX_PARAMETERS} with its own message
     */
    private static java.util.function.ToLongFunction<String> weightBounds(final ZipArchive header) throws IOException {
        var json = header.header(HEADER, FORMAT, VERSION);
        long most = header.field(json, "architecture", ModelConfig.class).weightBytesBound();
        return name -> most;
    }

    /**
     * Loads a model from the bytes of a model file (e.g. held by a workflow's port object).
     *
     * @param label names the source in messages
     */
    public static FlowModel load(final java.io.InputStream in, final Path label, final Device device)
        throws IOException {
        return load(ZipArchive.read(in, label, HEADER, ENTRIES, FlowModel::weightBounds), label, device);
    }

    private static FlowModel load(final ZipArchive zip, final Path file, final Device device) throws IOException {
        var json = zip.header(HEADER, FORMAT, VERSION);
        var representation = zip.field(json, "representation", Representation.class);
        var architecture = zip.field(json, "architecture", ModelConfig.class);
        var training = zip.field(json, "training", TrainingConfig.class);
        var summary = zip.field(json, "summary", TrainingSummary.class);
        var curve = List.of(zip.field(json, "curve", EpochMetrics[].class));
        try {
            dev.flowmatch.engine.chem.AtomVocabulary.parse(representation.vocabulary());
        } catch (RuntimeException e) {
            throw new IOException(file + ": invalid \"representation\": its vocabulary " + representation.vocabulary()
                + " cannot be read: " + e.getMessage(), e);
        }
        if (architecture.atomTypes() != representation.vocabulary().size()) {
            throw new IOException(file + ": the architecture has " + architecture.atomTypes()
                + " atom types but the vocabulary " + representation.vocabulary().size() + ".");
        }
        var conditions = json.has("conditions") ? zip.field(json, "conditions", Conditions.class) : null;
        if (architecture.conditions() != (conditions == null ? 0 : conditions.size())) {
            throw new IOException(file + ": the architecture takes " + architecture.conditions() + " conditions but"
                + " the file describes " + (conditions == null ? 0 : conditions.size()) + ".");
        }
        var model = new FlowModel(representation, architecture, training, summary, curve,
            zip.has(RAW_WEIGHTS) ? zip.bytes(RAW_WEIGHTS) : null, device);
        model.m_conditions = conditions;
        try {
            ZipArchive.loadParameters(model.m_network, model.m_manager, zip.bytes(EMA_WEIGHTS));
        } catch (java.io.EOFException e) {
            model.close();
            throw new IOException(file + ": the network weights (" + EMA_WEIGHTS + ") end early: the entry is"
                + " truncated.", e);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new IOException(file + ": the network weights are damaged or do not fit the architecture: "
                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
        for (var p : model.m_network.getParameters()) { // a model of NaN writes every atom as H at the origin
            var w = p.getValue().getArray();
            if (w.isNaN().any().getBoolean() || w.isInfinite().any().getBoolean()) {
                model.close();
                throw new IOException(file + ": the network weights hold NaN or infinite values (parameter "
                    + p.getKey() + "); the model cannot generate anything.");
            }
        }
        return model;
    }

    @Override
    public void close() {
        m_manager.close();
    }
}
