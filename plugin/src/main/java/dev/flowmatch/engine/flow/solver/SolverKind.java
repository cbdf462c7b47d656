package dev.flowmatch.engine.flow.solver;

/**
 * The solvers users choose from, with default step counts that give the fixed-step methods the same
 * budget of 100 field evaluations.
 */
public enum SolverKind {
    EULER(100, "Euler"),
    MIDPOINT(50, "Midpoint"),
    HEUN(50, "Heun"),
    RK4(25, "Runge–Kutta 4 (RK4)"),
    /** Adaptive; the step count is not used. */
    DOPRI5(0, "Dormand–Prince (adaptive)");

    private final int m_defaultSteps;

    private final String m_label;

    SolverKind(final int defaultSteps, final String label) {
        m_defaultSteps = defaultSteps;
        m_label = label;
    }

    /** @return the name users see (dialogs, messages) */
    public String label() {
        return m_label;
    }

    public int defaultSteps() {
        return m_defaultSteps;
    }

    /** @return the solver with default tolerances (dopri5) */
    public OdeSolver create() {
        return switch (this) {
            case EULER -> FixedStepSolver.euler();
            case MIDPOINT -> FixedStepSolver.midpoint();
            case HEUN -> FixedStepSolver.heun();
            case RK4 -> FixedStepSolver.rk4();
            case DOPRI5 -> Dopri5Solver.defaults();
        };
    }

    /** @return the uniform grid of the default steps, or just the end points for dopri5 */
    public TimeGrid defaultGrid() {
        return this == DOPRI5 ? TimeGrid.endpoints(0, 1) : TimeGrid.uniform(m_defaultSteps);
    }
}
