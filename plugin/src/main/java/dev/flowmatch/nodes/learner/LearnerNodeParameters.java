package dev.flowmatch.nodes.learner;

import org.knime.node.parameters.updates.Effect;
import org.knime.node.parameters.updates.Effect.EffectType;
import org.knime.node.parameters.updates.ValueReference;
import org.knime.node.parameters.widget.number.NumberInputWidget;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsPositiveIntegerValidation;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsNonNegativeValidation;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsPositiveDoubleValidation;
import dev.flowmatch.nodes.common.PathDialogRules;
import dev.flowmatch.nodes.common.MoleculeRows;
import dev.flowmatch.nodes.common.Bounds;
import dev.flowmatch.nodes.common.EngineChoices;
import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.NodeParametersInput;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.layout.After;
import org.knime.node.parameters.layout.Layout;
import org.knime.node.parameters.layout.Section;
import org.knime.node.parameters.migration.DefaultProvider;
import org.knime.node.parameters.migration.Migration;
import org.knime.node.parameters.widget.choices.ChoicesProvider;
import org.knime.node.parameters.widget.choices.Label;

import dev.flowmatch.engine.flow.coupling.CouplingKind;
import dev.flowmatch.engine.flow.path.Parametrization;
import dev.flowmatch.engine.model.Geometry;
import dev.flowmatch.engine.model.RepaLoss;
import dev.flowmatch.engine.train.PathSettings;
import dev.flowmatch.engine.train.RepaRecipe;
import dev.flowmatch.engine.train.TrainingConfig;
import dev.flowmatch.nodes.common.ColumnChoices;
import dev.flowmatch.nodes.common.EncoderSettings;
import dev.flowmatch.nodes.common.MoleculeCells;

/** Settings of the Flow Matching Learner, in groups as the dialog shows them. */
final class LearnerNodeParameters implements NodeParameters {

    // Dialog sections: the groups below, in this order after the general settings (KNIME shows a nested
    // group where its field is laid out; @Widget on a group field would be ignored).
    @Section(title = "Representation", description = "How molecules become point clouds.")
    interface RepresentationSection {
    }

    @Section(title = "Architecture", description = "The velocity transformer.")
    @After(RepresentationSection.class)
    interface ArchitectureSection {
    }

    @Section(title = "Probability path", description = "Path, scheduler, time sampler and coupling.")
    @After(ArchitectureSection.class)
    interface ProbabilityPathSection {
    }

    @Section(title = "Optimization", description = "Optimizer, schedule and length of training.")
    @After(ProbabilityPathSection.class)
    interface OptimizationSection {
    }

    @Section(title = "REPA", description = "Representation alignment with a frozen encoder.")
    @After(OptimizationSection.class)
    interface RepaSection {
    }

    @Section(title = "Property conditioning", description = "Generate molecules with the property values asked for.")
    @After(RepaSection.class)
    interface ConditioningSection {
    }

    @Widget(title = "Molecule column", description = "The training molecules (SDF, Mol, SMILES or string)."
        + " Molecules without 3D coordinates get a conformer. Default: the first molecule column.")
    @ChoicesProvider(ColumnChoices.Molecules.class)
    String m_moleculeColumn = "";

    @Layout(RepresentationSection.class)
    RepresentationGroup m_representation = new RepresentationGroup();

    @Layout(ArchitectureSection.class)
    ArchitectureGroup m_architecture = new ArchitectureGroup();

    @Layout(ProbabilityPathSection.class)
    PathGroup m_path = new PathGroup();

    @Layout(OptimizationSection.class)
    OptimizerGroup m_optimizer = new OptimizerGroup();

    @Layout(RepaSection.class)
    RepaGroup m_repa = new RepaGroup();

    @Layout(ConditioningSection.class)
    ConditioningGroup m_conditioning = new ConditioningGroup();

    @Widget(title = "Device", description = "Where training runs: auto (a GPU when PyTorch sees one), cpu, gpu or"
        + " gpu:N.", advanced = true)
    String m_device = "auto";

    @Widget(title = "Seed", description = "Seed of everything random (split, batches, noise, times, rotations,"
        + " initial weights): the same seed and data give the same model.")
    long m_seed = 1;

    LearnerNodeParameters() {
    }

    LearnerNodeParameters(final NodeParametersInput input) {
        input.getInTableSpec(0).flatMap(MoleculeCells::defaultColumn).ifPresent(c -> m_moleculeColumn = c);
    }

    static final class RepresentationGroup implements NodeParameters {
        @Widget(title = "Explicit hydrogens", description = "Hydrogens are atoms of the cloud (as in QM9 models)."
            + " Off: heavy atoms only; hydrogens are inferred after generation. Default on.")
        boolean m_explicitHydrogens = true;

        @Widget(title = MoleculeRows.KEEP_FRAGMENTS, description = MoleculeRows.KEEP_FRAGMENTS_DESCRIPTION)
        @Migration(KeepFragmentsWhenAbsent.class)
        boolean m_keepFragments = false;

        @Widget(title = "Maximum atoms", description = "Molecules with more atoms (after the hydrogen choice) are"
            + " skipped with a warning; 0 = no limit (the largest training molecule sets the model's size).")
        @NumberInputWidget(minValidation = IsNonNegativeValidation.class, maxValidation = Bounds.MaxAtoms.class)
        int m_maxAtoms = 0;

        @Widget(title = "Canonical atom order", description = "Order atoms as in the canonical SMILES (TABASCO);"
            + " off: input order. Matters only with positional encodings.")
        boolean m_canonicalOrder = true;

        @Widget(title = "Rotation augmentation", description = "Rotate each training molecule at random every time"
            + " it is used, so the non-equivariant network learns rotation-invariant behaviour. Default on.")
        boolean m_rotationAugmentation = true;

        @Widget(title = "Validation fraction", description = "Share of molecules held out for the validation loss"
            + " (0 = none). Default 0.1.")
        @NumberInputWidget(minValidation = IsNonNegativeValidation.class, maxValidation = Bounds.AtMostHalf.class)
        double m_validationFraction = 0.1;
    }

    static final class ArchitectureGroup implements NodeParameters {
        @Widget(title = "Width", description = "Token dimension d of the transformer (divisible by the heads).")
        @NumberInputWidget(minValidation = Bounds.AtLeastTwo.class, maxValidation = Bounds.MaxWidth.class)
        int m_width = 128;

        @Widget(title = "Depth", description = "Number of transformer blocks.")
        @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class, maxValidation = Bounds.AtMost64.class)
        int m_depth = 4;

        @Widget(title = "Attention heads", description = "Heads per attention layer.")
        @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class, maxValidation = Bounds.AtMost64.class)
        int m_heads = 8;

        @Widget(title = "Positional encodings", description = "Add sinusoidal encodings of the atom index. With the"
            + " canonical atom order the index carries graph information: on QM9 this cut the validation loss from"
            + " 1.68 to 1.27 and doubled molecule stability at the same budget (benchmarks/RESULTS.md, repa-study)."
            + " Default on; turn off with input order, or to keep the network permutation-equivariant.")
        boolean m_positionalEncoding = true;

        @Widget(title = "Geometry", description = "How the network sees the molecule's geometry. <b>Coordinates</b>:"
            + " each atom's token is a linear map of its coordinates and type, and a linear head predicts the"
            + " coordinates (the network of models trained before this option; attention must rediscover every"
            + " interatomic distance from dot products). <b>Distance bias</b>: the current interatomic distances,"
            + " expanded in radial basis functions every 0.02 Å over bonding distances, give every block one"
            + " attention bias per head and every token the mean of its pair features (Uni-Mol, Graphormer-3D)."
            + " <b>Relative head</b>: coordinates also from relative vectors, Σ_j (x_i − x_j)·φ(h_i, h_j, d_ij)"
            + " (EGNN, SemlaFlow), beside the linear head. <b>Distances and relative head</b>: both."
            + " <b>Equivariant</b>: distance bias and the relative head alone, no raw coordinates in the tokens;"
            + " with positional encodings off the network is equivariant to rotations and translations. Default:"
            + " Distances and relative head, the geometry ablation's choice (QM9, 5,000 steps: atom stability by"
            + " EDM's rule +0.071 over 0.64, heavy-atom bond-length W1 −0.039 Å from 0.14, in each of three seeds, for"
            + " 1.32 times the cost of a step; molecules are somewhat more often in pieces; benchmarks/RESULTS.md)."
            + " Workflows saved before this option existed load with Coordinates, as they trained.")
        @Migration(CoordinatesWhenAbsent.class)
        NetworkGeometry m_geometry = NetworkGeometry.of(Geometry.Preset.RECOMMENDED);
    }

    /** The network geometries of the dialog (engine: {@link Geometry.Preset}). */
    enum NetworkGeometry {
        @Label("Coordinates")
        COORDINATES(Geometry.Preset.COORDINATES),
        @Label("Distance bias")
        DISTANCE_BIAS(Geometry.Preset.DISTANCE_BIAS),
        @Label("Relative head")
        RELATIVE_HEAD(Geometry.Preset.RELATIVE_HEAD),
        @Label("Distances and relative head")
        DISTANCES_AND_RELATIVE(Geometry.Preset.DISTANCES_AND_RELATIVE),
        @Label("Equivariant")
        EQUIVARIANT(Geometry.Preset.EQUIVARIANT);

        final Geometry.Preset m_preset;

        NetworkGeometry(final Geometry.Preset preset) {
            m_preset = preset;
        }

        static NetworkGeometry of(final Geometry.Preset preset) {
            return java.util.Arrays.stream(values()).filter(g -> g.m_preset == preset).findFirst().orElseThrow();
        }
    }

    /** Learner settings saved before the geometry option trained today's coordinate network. */
    static final class CoordinatesWhenAbsent implements DefaultProvider<NetworkGeometry> {
        @Override
        public NetworkGeometry getDefault() {
            return NetworkGeometry.COORDINATES;
        }
    }

    static final class PathGroup implements NodeParameters {
        @Widget(title = "Scheduler", description = "α_t, σ_t of the affine path x_t = α_t x1 + σ_t x0. CondOT is the"
            + " straight path of rectified flow; Cosine and VP are diffusion-style.")
        @ChoicesProvider(EngineChoices.Schedulers.class)
        @ValueReference(PathDialogRules.SchedulerRef.class)
        PathSettings.SchedulerKind m_scheduler = PathSettings.SchedulerKind.COND_OT;

        @Widget(title = "σ_min / exponent", description = "σ_min of CondOT (0 = exact straight paths), or the exponent"
            + " n of the polynomial scheduler (α_t = t^n); unused by Cosine and VP.")
        @Effect(predicate = PathDialogRules.SchedulerHasParameter.class, type = EffectType.SHOW)
        double m_schedulerParameter = 0;

        @Widget(title = "Prediction target", description = "What the network predicts: the velocity (flow matching)"
            + " or the clean data x1 (as TABASCO).")
        Target m_target = Target.VELOCITY;

        @Widget(title = "Time sampler", description = "Distribution of training times t: uniform, Beta(a, b) or"
            + " logit-normal(mean a, sd b).")
        @ChoicesProvider(EngineChoices.TimeSamplers.class)
        @ValueReference(PathDialogRules.TimeSamplerRef.class)
        PathSettings.TimeSamplerKind m_timeSampler = PathSettings.recommended().timeSampler();

        @Widget(title = "Time sampler a", description = "Beta a, or the logit-normal mean.", advanced = true)
        @Effect(predicate = PathDialogRules.UniformTimes.class, type = EffectType.HIDE)
        double m_timeA = PathSettings.recommended().timeA();

        @Widget(title = "Time sampler b", description = "Beta b, or the logit-normal standard deviation.",
            advanced = true)
        @NumberInputWidget(minValidation = IsPositiveDoubleValidation.class)
        @Effect(predicate = PathDialogRules.UniformTimes.class, type = EffectType.HIDE)
        double m_timeB = PathSettings.recommended().timeB();

        @Widget(title = "Coupling", description = "How noise is paired with molecules: independently, by minibatch"
            + " optimal transport, by aligning noise to each molecule (permutation + rotation), or both.")
        @ChoicesProvider(EngineChoices.Couplings.class)
        CouplingKind m_coupling = CouplingKind.INDEPENDENT;
    }

    enum Target {
        @Label("Velocity")
        VELOCITY,
        @Label("Clean data x1")
        DATA
    }

    static final class OptimizerGroup implements NodeParameters {
        @Widget(title = "Epochs", description = "Passes over the training molecules.")
        @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
        int m_epochs = 20;

        @Widget(title = "Batch size", description = "Molecules per optimizer step (capped at the training set).")
        @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
        int m_batchSize = 64;

        @Widget(title = "Learning rate", description = "Peak learning rate of AdamW (linear warm-up, then cosine"
            + " decay to 0).")
        @NumberInputWidget(minValidation = IsPositiveDoubleValidation.class)
        double m_learningRate = TrainingConfig.RECOMMENDED_LEARNING_RATE;

        @Widget(title = "Warm-up steps", description = "Steps of linear warm-up.", advanced = true)
        @NumberInputWidget(minValidation = IsNonNegativeValidation.class)
        int m_warmupSteps = 100;

        @Widget(title = "Weight decay", description = "Decoupled weight decay of AdamW.", advanced = true)
        @NumberInputWidget(minValidation = IsNonNegativeValidation.class)
        double m_weightDecay = 1e-4;

        @Widget(title = "Gradient clip norm", description = "Global gradient-norm clip; 0 = off.", advanced = true)
        @NumberInputWidget(minValidation = IsNonNegativeValidation.class)
        double m_clipNorm = 1;

        @Widget(title = "EMA decay", description = "Decay of the moving average of the weights the model port"
            + " samples with; 0 = use the last weights. Lower it for very short runs.", advanced = true)
        @NumberInputWidget(minValidation = IsNonNegativeValidation.class, maxValidation = Bounds.BelowOne.class)
        double m_emaDecay = 0.999;
    }

    enum RepaTargets {
        @Label("Compute with an encoder")
        ENCODER,
        @Label("From a column")
        COLUMN
    }

    /** Learner settings saved before targets could be centred trained on uncentred targets. */
    /** Workflows saved before the fragment option trained on every fragment, and still do. */
    static final class KeepFragmentsWhenAbsent implements DefaultProvider<Boolean> {
        @Override
        public Boolean getDefault() {
            return true;
        }
    }

    static final class UncentredWhenAbsent implements DefaultProvider<Boolean> {
        @Override
        public Boolean getDefault() {
            return false;
        }
    }

    /** Defaults: {@link RepaRecipe#RECOMMENDED}, the setting the REPA study supports. */
    static final class RepaGroup implements NodeParameters {
        @Widget(title = "REPA", description = "Align the hidden states of one block, through a projector MLP, with a"
            + " frozen encoder's embedding of the clean molecule (Yu et al. 2024). Default off. On QM9 (20,000"
            + " steps, three seeds) the defaults below raised molecule stability by 0.013 ± 0.008 (from 0.106) and"
            + " reached the plain run's final loss in 0.84 of its steps, but each step costs 1.14 times as much, so"
            + " per CPU-hour the saving is small; the shipped encoders are trained on QM9 only.")
        @ValueReference(LearnerDialogRules.RepaOn.class)
        boolean m_enabled = false;

        @Widget(title = "λ", description = "Weight of the alignment loss added to the flow-matching loss.")
        @NumberInputWidget(minValidation = IsNonNegativeValidation.class)
        @Effect(predicate = LearnerDialogRules.RepaOn.class, type = EffectType.SHOW)
        double m_lambda = RepaRecipe.RECOMMENDED.lambda();

        @Widget(title = "Aligned block", description = "Block k (counted from 1) whose output is aligned.")
        @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class, maxValidation = Bounds.AtMost64.class)
        @Effect(predicate = LearnerDialogRules.RepaOn.class, type = EffectType.SHOW)
        int m_layer = RepaRecipe.RECOMMENDED.layer();

        @Widget(title = "Alignment loss", description = "Negative cosine similarity (REPA) or mean squared error.")
        @ChoicesProvider(EngineChoices.RepaLosses.class)
        @Effect(predicate = LearnerDialogRules.RepaOn.class, type = EffectType.SHOW)
        RepaLoss.Kind m_loss = RepaLoss.Kind.NEGATIVE_COSINE;

        @Widget(title = "Window start", description = "Align only samples with t ≥ this (t = 1 is data).")
        @NumberInputWidget(minValidation = IsNonNegativeValidation.class, maxValidation = Bounds.AtMostOne.class)
        @Effect(predicate = LearnerDialogRules.RepaOn.class, type = EffectType.SHOW)
        double m_tMin = RepaRecipe.RECOMMENDED.tMin();

        @Widget(title = "Window end", description = "Align only samples with t ≤ this.")
        @NumberInputWidget(minValidation = IsNonNegativeValidation.class, maxValidation = Bounds.AtMostOne.class)
        @Effect(predicate = LearnerDialogRules.RepaOn.class, type = EffectType.SHOW)
        double m_tMax = RepaRecipe.RECOMMENDED.tMax();

        @Widget(title = "Centre targets", description = "Subtract the mean training target from every target"
            + " before aligning. Embeddings that share one large direction (the MPNN's, after its ReLU) let a"
            + " projector that ignores the molecule score a high cosine, so the alignment constrains little;"
            + " centred, only what tells molecules apart is aligned. The REPA study (benchmarks/RESULTS.md)"
            + " used centred targets. Workflows saved before this option existed load with it off, as they"
            + " trained.")
        @Migration(UncentredWhenAbsent.class)
        @Effect(predicate = LearnerDialogRules.RepaOn.class, type = EffectType.SHOW)
        boolean m_centreTargets = RepaRecipe.RECOMMENDED.centred();

        @Widget(title = "Projector hidden size", description = "Hidden width of the projector MLP.", advanced = true)
        @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
        @Effect(predicate = LearnerDialogRules.RepaOn.class, type = EffectType.SHOW)
        int m_projectorHidden = 256;

        @Widget(title = "Targets", description = "Compute the targets with an encoder, or read them from a vector"
            + " column (e.g. from Frozen Encoder Embed).")
        @ValueReference(LearnerDialogRules.RepaTargetsRef.class)
        @Effect(predicate = LearnerDialogRules.RepaOn.class, type = EffectType.SHOW)
        RepaTargets m_targets = RepaTargets.ENCODER;

        @Widget(title = "Target column", description = "Vector column with the targets (list of numbers, one"
            + " length for all rows) when the targets come from a column.")
        @ChoicesProvider(ColumnChoices.Vectors.class)
        @Effect(predicate = LearnerDialogRules.TargetsFromColumn.class, type = EffectType.SHOW)
        String m_targetColumn = "";

        // the frozen encoder when the targets are computed: its fields sit in the REPA section
        @Effect(predicate = LearnerDialogRules.TargetsFromEncoder.class, type = EffectType.SHOW)
        EncoderSettings m_encoder = EncoderSettings.ofDefaultEncoder(RepaRecipe.RECOMMENDED.encoder());
    }

    Parametrization parametrization() {
        return m_path.m_target == Target.DATA ? Parametrization.DATA : Parametrization.VELOCITY;
    }

    /** Checks what the dialog cannot rule out (KNIME calls this when settings are applied or loaded). */
    @Override
    public void validate() throws InvalidSettingsException {
        LearnerSettings.validate(this);
    }

}
