package dev.flowmatch.nodes.sampler;

import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
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
    int m_molecules = 100;

    @Widget(title = "Molecule sizes", description = "Atom counts are drawn from the training data's histogram"
        + " (default), or all molecules get the same count.")
    Sizes m_sizes = Sizes.TRAINING;

    @Widget(title = "Atom count", description = "Atoms per molecule when the size is fixed (hydrogens included if"
        + " the model has explicit hydrogens); at most the model's maximum.")
    int m_atoms = 9;

    @Widget(title = "Solver", description = "ODE solver integrating the learned field from noise (t = 0) to data"
        + " (t = 1): Euler, midpoint, Heun, RK4 with fixed steps, or adaptive Dormand–Prince (DOPRI5).")
    SolverKind m_solver = SolverKind.HEUN;

    @Widget(title = "Steps", description = "Fixed steps of the solver; 0 = the solver's default (Euler 100,"
        + " midpoint/Heun 50, RK4 25). Ignored by DOPRI5.")
    int m_steps = 0;

    @Widget(title = "Relative tolerance", description = "DOPRI5 only: relative error tolerance per step.",
        advanced = true)
    double m_rtol = 1e-5;

    @Widget(title = "Absolute tolerance", description = "DOPRI5 only: absolute error tolerance per step.",
        advanced = true)
    double m_atol = 1e-5;

    @Widget(title = "Seed", description = "Seed of the sizes and the noise: the same seed gives the same molecules.")
    long m_seed = 1;

    @Widget(title = "Device", description = "Where sampling runs: auto, cpu, gpu or gpu:N.", advanced = true)
    String m_device = "auto";

    @Widget(title = "Trajectory table", description = "Also output the states of the first molecules at every"
        + " solver time (for plots and animations of generation).")
    boolean m_trajectory = false;

    @Widget(title = "Trajectory molecules", description = "How many of the first molecules the trajectory table"
        + " follows.", advanced = true)
    int m_trajectoryMolecules = 5;

    /** Checks what the dialog cannot rule out (KNIME calls this when settings are applied or loaded). */
    @Override
    public void validate() throws InvalidSettingsException {
        Checks.atLeast(m_molecules, 1, "Number of molecules");
        Checks.check(m_sizes != null, "Molecule sizes", "not set");
        if (m_sizes == SamplerNodeParameters.Sizes.FIXED) {
            Checks.atLeast(m_atoms, 1, "Atom count");
        }
        Checks.check(m_solver != null, "Solver", "not set");
        Checks.atLeast(m_steps, 0, "Steps");
        Checks.positive(m_rtol, "Relative tolerance");
        Checks.positive(m_atol, "Absolute tolerance");
        Checks.deviceName(m_device, "Device");
        Checks.atLeast(m_trajectoryMolecules, 1, "Trajectory molecules");
    }
}
