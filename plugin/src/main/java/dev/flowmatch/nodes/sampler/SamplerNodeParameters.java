package dev.flowmatch.nodes.sampler;

import org.knime.node.parameters.updates.Effect;
import org.knime.node.parameters.updates.Effect.EffectType;
import org.knime.node.parameters.updates.EffectPredicate;
import org.knime.node.parameters.updates.EffectPredicateProvider;
import org.knime.node.parameters.updates.ParameterReference;
import org.knime.node.parameters.updates.ValueReference;
import org.knime.node.parameters.updates.util.BooleanReference;
import org.knime.node.parameters.widget.number.NumberInputWidget;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsPositiveIntegerValidation;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsNonNegativeValidation;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsPositiveDoubleValidation;
import dev.flowmatch.nodes.common.Bounds;
import org.knime.node.parameters.widget.choices.ChoicesProvider;
import dev.flowmatch.nodes.common.EngineChoices;
import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.migration.DefaultProvider;
import org.knime.node.parameters.migration.Migration;
import org.knime.node.parameters.widget.choices.Label;

import dev.flowmatch.engine.flow.solver.SolverKind;
import dev.flowmatch.nodes.common.Checks;

/** Settings of the ODE Sampler. */
final class SamplerNodeParameters implements NodeParameters {

    enum Sizes {
        @Label("As in the training data")
        TRAINING,
        @Label("Fixed atom count")
        FIXED
    }

    @Widget(title = "Number of molecules", description = "How many molecules to generate.")
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    int m_molecules = 100;

    @Widget(title = "Molecule sizes", description = "Atom counts are drawn from the training data's histogram"
        + " (default; with a targets table, from the sizes of training molecules with values like each row's), or"
        + " all molecules get the same count.")
    @ValueReference(SizesRef.class)
    Sizes m_sizes = Sizes.TRAINING;

    @Widget(title = "Atom count", description = "Atoms per molecule when the size is fixed (hydrogens included if"
        + " the model has explicit hydrogens); at most the model's maximum.")
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class, maxValidation = Bounds.MaxAtoms.class)
    @Effect(predicate = FixedSizes.class, type = EffectType.SHOW)
    int m_atoms = 9;

    @Widget(title = "Solver", description = "ODE solver integrating the learned field from noise (t = 0) to data"
        + " (t = 1): Euler, midpoint, Heun, RK4 with fixed steps, or adaptive Dormand–Prince (DOPRI5).")
    @ChoicesProvider(EngineChoices.Solvers.class)
    @ValueReference(SolverRef.class)
    SolverKind m_solver = SolverKind.HEUN;

    @Widget(title = "Steps", description = "Fixed steps of the solver; 0 = the solver's default (Euler 100,"
        + " midpoint/Heun 50, RK4 25). Ignored by DOPRI5.")
    @NumberInputWidget(minValidation = IsNonNegativeValidation.class)
    @Effect(predicate = Adaptive.class, type = EffectType.HIDE)
    int m_steps = 0;

    @Widget(title = "Relative tolerance", description = "DOPRI5 only: relative error tolerance per step.",
        advanced = true)
    @NumberInputWidget(minValidation = IsPositiveDoubleValidation.class)
    @Effect(predicate = Adaptive.class, type = EffectType.SHOW)
    double m_rtol = 1e-5;

    @Widget(title = "Absolute tolerance", description = "DOPRI5 only: absolute error tolerance per step.",
        advanced = true)
    @NumberInputWidget(minValidation = IsPositiveDoubleValidation.class)
    @Effect(predicate = Adaptive.class, type = EffectType.SHOW)
    double m_atol = 1e-5;

    @Widget(title = "Seed", description = "Seed of the sizes and the noise: the same seed gives the same molecules.")
    long m_seed = 1;

    @Widget(title = "Device", description = "Where sampling runs: auto, cpu, gpu or gpu:N.", advanced = true)
    String m_device = "auto";

    @Widget(title = "Trajectory table", description = "Also output the states of the first molecules at every"
        + " solver time (for plots and animations of generation).")
    @ValueReference(TrajectoryRef.class)
    boolean m_trajectory = false;

    @Widget(title = "Trajectory molecules", description = "How many of the first molecules the trajectory table"
        + " follows.", advanced = true)
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    @Effect(predicate = TrajectoryRef.class, type = EffectType.SHOW)
    int m_trajectoryMolecules = 5;

    @Widget(title = "Guidance scale", description = "For a model conditioned on properties, sampled with a targets"
        + " table: classifier-free guidance v = v_c + w (v_c − v_u), where v_c is the field given the targets and"
        + " v_u the field without them. 0 (default) samples the conditional field as learnt; larger values follow"
        + " the targets more closely, usually at some cost in validity and diversity, and take two network"
        + " evaluations per step. On QM9 with TPSA and logP, w = 1 followed the targets best (mean error 10 Å²"
        + " and 0.6 against 11 Å² and 0.67 at w = 0) at no cost in stability; w = 2 did worse than 1.")
    @NumberInputWidget(minValidation = IsNonNegativeValidation.class, maxValidation = Bounds.AtMost64.class)
    @Migration(NoGuidanceWhenAbsent.class)
    double m_guidance = 0;

    /** Sampler settings saved before conditioning existed: no guidance. */
    static final class NoGuidanceWhenAbsent implements DefaultProvider<Double> {
        @Override
        public Double getDefault() {
            return 0.0;
        }
    }

    /** Checks what the dialog cannot rule out (KNIME calls this when settings are applied or loaded). */
    @Override
    public void validate() throws InvalidSettingsException {
        Bounds.check(this); // every numeric range, as the dialog declares it
        Checks.check(m_sizes != null, "Molecule sizes", "not set");
        Checks.check(m_solver != null, "Solver", "not set");
        Checks.deviceName(m_device, "Device");
    }

    // which settings apply: the dialog shows only those (the atom count for fixed sizes, tolerances for the adaptive
    // solver, the trajectory's length when there is one)
    static final class SizesRef implements ParameterReference<Sizes> {
    }

    static final class FixedSizes implements EffectPredicateProvider {
        @Override
        public EffectPredicate init(final PredicateInitializer i) {
            return i.getEnum(SizesRef.class).isOneOf(Sizes.FIXED);
        }
    }

    static final class SolverRef implements ParameterReference<SolverKind> {
    }

    static final class Adaptive implements EffectPredicateProvider {
        @Override
        public EffectPredicate init(final PredicateInitializer i) {
            return i.getEnum(SolverRef.class).isOneOf(SolverKind.DOPRI5);
        }
    }

    static final class TrajectoryRef implements BooleanReference {
    }
}
