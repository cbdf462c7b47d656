package dev.flowmatch.nodes.path;

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
    PathSettings.SchedulerKind m_scheduler = PathSettings.SchedulerKind.COND_OT;

    @Widget(title = "σ_min / exponent", description = "σ_min of CondOT (noise left at t = 1; 0 = none), or the"
        + " exponent of the polynomial scheduler; unused by cosine and VP.")
    double m_schedulerParameter = 0;

    @Widget(title = "Time sampler", description = "Distribution of t: uniform, Beta(a, b) or logit-normal(a, b).")
    PathSettings.TimeSamplerKind m_timeSampler = PathSettings.TimeSamplerKind.UNIFORM;

    @Widget(title = "Time sampler a", description = "Beta a, or the logit-normal mean.", advanced = true)
    double m_timeA = 1;

    @Widget(title = "Time sampler b", description = "Beta b, or the logit-normal standard deviation.",
        advanced = true)
    double m_timeB = 1;

    @Widget(title = "Samples per molecule", description = "Path samples (noise and time) drawn for each input row.")
    int m_samplesPerMolecule = 1;

    @Widget(title = "Coupling", description = "How noise is paired with data within a batch: independent, minibatch"
        + " optimal transport, per-molecule alignment (permutation + rotation; molecules only), or both.")
    CouplingKind m_coupling = CouplingKind.INDEPENDENT;

    @Widget(title = "Coupling batch", description = "Rows paired together by minibatch OT.", advanced = true)
    int m_couplingBatch = 64;

    @Widget(title = "Explicit hydrogens", description = "Molecules: hydrogens are points of the cloud.")
    boolean m_explicitHydrogens = true;

    @Widget(title = "Seed", description = "Seed of noise, times and conformers.")
    long m_seed = 1;

    @Widget(title = "Marginal field grid", description = "For 2-D vectors: also output the exact marginal velocity"
        + " field of the data on a grid (second output), for teaching.")
    boolean m_marginalField = false;

    @Widget(title = "Grid points per axis", description = "Resolution of the marginal-field grid.", advanced = true)
    int m_gridPoints = 21;

    @Widget(title = "Grid times", description = "Number of equally spaced times in [0, 0.95] at which the marginal"
        + " field is evaluated.", advanced = true)
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
        Checks.atLeast(m_samplesPerMolecule, 1, "Samples per molecule");
        Checks.atLeast(m_couplingBatch, 1, "Coupling batch");
        Checks.atLeast(m_gridPoints, 2, "Grid points per axis");
        Checks.atLeast(m_gridTimes, 1, "Grid times");
    }
}
