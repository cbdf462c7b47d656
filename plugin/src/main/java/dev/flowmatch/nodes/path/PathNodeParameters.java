package dev.flowmatch.nodes.path;

import org.knime.node.parameters.migration.DefaultProvider;
import dev.flowmatch.nodes.common.PathDialogRules;
import dev.flowmatch.nodes.common.MoleculeRows;
import org.knime.node.parameters.migration.Migration;
import org.knime.node.parameters.updates.Effect;
import org.knime.node.parameters.updates.Effect.EffectType;
import org.knime.node.parameters.updates.EffectPredicate;
import org.knime.node.parameters.updates.EffectPredicateProvider;
import org.knime.node.parameters.updates.ParameterReference;
import org.knime.node.parameters.updates.ValueReference;
import org.knime.node.parameters.updates.util.BooleanReference;
import org.knime.node.parameters.widget.number.NumberInputWidget;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsPositiveIntegerValidation;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsPositiveDoubleValidation;
import dev.flowmatch.nodes.common.Bounds;
import dev.flowmatch.nodes.common.EngineChoices;
import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.NodeParametersInput;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.widget.choices.ChoicesProvider;

import dev.flowmatch.engine.flow.coupling.CouplingKind;
import dev.flowmatch.engine.train.PathSettings;
import dev.flowmatch.nodes.common.Checks;
import dev.flowmatch.nodes.common.ColumnChoices;
import dev.flowmatch.nodes.common.MoleculeCells;
import dev.flowmatch.nodes.common.VectorCells;

/** Settings of Build Probability Path. */
final class PathNodeParameters implements NodeParameters {

    @Widget(title = "Input column", description = "Molecules (SDF, Mol, SMILES or string; 3D coordinates are"
        + " generated where missing) or a vector column (list of numbers of one length). Default: the first"
        + " molecule column, else the first vector column.")
    @ChoicesProvider(ColumnChoices.MoleculesOrVectors.class)
    String m_inputColumn = "";

    @Widget(title = "Scheduler", description = "α_t, σ_t of the affine path x_t = α_t x1 + σ_t x0: CondOT (straight"
        + " lines, rectified flow), polynomial, cosine or variance-preserving.")
    @ChoicesProvider(EngineChoices.Schedulers.class)
    @ValueReference(PathDialogRules.SchedulerRef.class)
    PathSettings.SchedulerKind m_scheduler = PathSettings.SchedulerKind.COND_OT;

    @Widget(title = "σ_min / exponent", description = "σ_min of CondOT (noise left at t = 1; 0 = none), or the"
        + " exponent of the polynomial scheduler; unused by cosine and VP.")
    @Effect(predicate = PathDialogRules.SchedulerHasParameter.class, type = EffectType.SHOW)
    double m_schedulerParameter = 0;

    @Widget(title = "Time sampler", description = "Distribution of t: uniform, Beta(a, b) or logit-normal(a, b).")
    @ChoicesProvider(EngineChoices.TimeSamplers.class)
    @ValueReference(PathDialogRules.TimeSamplerRef.class)
    PathSettings.TimeSamplerKind m_timeSampler = PathSettings.TimeSamplerKind.UNIFORM;

    @Widget(title = "Time sampler a", description = "Beta a, or the logit-normal mean.", advanced = true)
    @Effect(predicate = PathDialogRules.UniformTimes.class, type = EffectType.HIDE)
    double m_timeA = 1;

    @Widget(title = "Time sampler b", description = "Beta b, or the logit-normal standard deviation.",
        advanced = true)
    @NumberInputWidget(minValidation = IsPositiveDoubleValidation.class)
    @Effect(predicate = PathDialogRules.UniformTimes.class, type = EffectType.HIDE)
    double m_timeB = 1;

    @Widget(title = "Samples per molecule", description = "Path samples (noise and time) drawn for each input row.")
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    int m_samplesPerMolecule = 1;

    @Widget(title = "Coupling", description = "How noise is paired with data within a batch: independent, minibatch"
        + " optimal transport, per-molecule alignment (permutation + rotation; molecules only), or both.")
    @ChoicesProvider(EngineChoices.Couplings.class)
    @ValueReference(CouplingRef.class)
    CouplingKind m_coupling = CouplingKind.INDEPENDENT;

    @Widget(title = "Coupling batch", description = "Rows paired together by minibatch OT.", advanced = true)
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    @Effect(predicate = MinibatchCoupling.class, type = EffectType.SHOW)
    int m_couplingBatch = 64;

    @Widget(title = "Explicit hydrogens", description = "Molecules: hydrogens are points of the cloud.")
    boolean m_explicitHydrogens = true;

    @Widget(title = MoleculeRows.KEEP_FRAGMENTS, description = MoleculeRows.KEEP_FRAGMENTS_DESCRIPTION)
    @Migration(KeepFragmentsWhenAbsent.class)
    boolean m_keepFragments = false;

    @Widget(title = "Seed", description = "Seed of noise, times and conformers.")
    long m_seed = 1;

    @Widget(title = "Marginal field grid", description = "For 2-D vectors: also output the exact marginal velocity"
        + " field of the data on a grid (second output), for teaching.")
    @ValueReference(MarginalFieldRef.class)
    boolean m_marginalField = false;

    @Widget(title = "Grid points per axis", description = "Resolution of the marginal-field grid.", advanced = true)
    @NumberInputWidget(minValidation = Bounds.AtLeastTwo.class)
    @Effect(predicate = MarginalFieldRef.class, type = EffectType.SHOW)
    int m_gridPoints = 21;

    @Widget(title = "Grid times", description = "Number of equally spaced times in [0, 0.95] at which the marginal"
        + " field is evaluated.", advanced = true)
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    @Effect(predicate = MarginalFieldRef.class, type = EffectType.SHOW)
    int m_gridTimes = 5;

    PathNodeParameters() {
    }

    PathNodeParameters(final NodeParametersInput input) {
        input.getInTableSpec(0).ifPresent(spec -> MoleculeCells.defaultColumn(spec).or(() -> spec.stream()
            .filter(VectorCells::isVectorColumn).map(c -> c.getName()).findFirst()).ifPresent(c -> m_inputColumn = c));
    }

    PathSettings path() {
        return new PathSettings(m_scheduler, m_schedulerParameter, dev.flowmatch.engine.flow.path.Parametrization.VELOCITY,
            m_timeSampler, m_timeA, m_timeB, PathSettings.TimeFactorKind.NONE);
    }

    /** Checks what the dialog cannot rule out (KNIME calls this when settings are applied or loaded). */
    @Override
    public void validate() throws InvalidSettingsException {
        try {
            path();
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException("Probability path: " + e.getMessage(), e);
        }
        Checks.check(m_coupling != null, "Coupling", "not set");
        Bounds.check(this); // every numeric range, as the dialog declares it
    }

    /** Workflows saved before the fragment option sampled every fragment, and still do. */
    static final class KeepFragmentsWhenAbsent implements DefaultProvider<Boolean> {
        @Override
        public Boolean getDefault() {
            return true;
        }
    }

    // which settings apply (the path's own rules: PathDialogRules): the OT batch for minibatch OT, the grid when the
    // marginal field is asked for
    static final class CouplingRef implements ParameterReference<CouplingKind> {
    }

    static final class MinibatchCoupling implements EffectPredicateProvider {
        @Override
        public EffectPredicate init(final PredicateInitializer i) {
            return i.getEnum(CouplingRef.class).isOneOf(CouplingKind.MINIBATCH_OT, CouplingKind.MINIBATCH_OT_ALIGNED);
        }
    }

    static final class MarginalFieldRef implements BooleanReference {
    }
}
