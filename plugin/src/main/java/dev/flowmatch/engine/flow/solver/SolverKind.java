package dev.flowmatch.engine.flow.solver;

/**
 * The solvers users choose from, with default step counts that give the fixed-step methods the same
 * budget of 100 field evaluations.
 */
public enum SolverKind {
    EULER(100),
    MIDPOINT(50),
    HEUN(50),
    RK4(25),
    /** Adaptive; the step count is not used. */
    DOPRI5(0);

    private final int m_defaultSteps;

    SolverKind(final int defaultSteps) {
        m_defaultSteps = defaultSteps;
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
