package dev.flowmatch.engine.flow.solver;


import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.flowmatch.engine.flow.VectorField;

/**
 * Explicit Runge–Kutta with the steps of the time grid: Euler, midpoint, Heun or RK4. Every step runs in
 * its own sub-manager, so a long integration holds only the current states in native memory. A step whose
 * stages would evaluate the field where it is singular ({@link VectorField#isFiniteAt}) is an Euler step.
 */
public final class FixedStepSolver implements OdeSolver {

    private final ButcherTableau m_tableau;

    public FixedStepSolver(final ButcherTableau tableau) {
        m_tableau = tableau;
    }

    public static FixedStepSolver euler() {
        return new FixedStepSolver(ButcherTableau.EULER);
    }

    public static FixedStepSolver midpoint() {
        return new FixedStepSolver(ButcherTableau.MIDPOINT);
    }

    public static FixedStepSolver heun() {
        return new FixedStepSolver(ButcherTableau.HEUN);
    }

    public static FixedStepSolver rk4() {
        return new FixedStepSolver(ButcherTableau.RK4);
    }

    public ButcherTableau tableau() {
        return m_tableau;
    }

    @Override
    public Solution integrate(final VectorField field, final NDArray x0, final TimeGrid grid,
        final SolveOptions options) {
        NDManager outer = x0.getManager();
        var times = grid.times();
        var trajectory = new Trajectory(options, grid);
        NDArray x = x0.duplicate();
        trajectory.record(x);
        int nfe = 0;
        var noise = options.noise();
        for (int s = 0; s < grid.steps(); s++) {
            double t = times[s];
            double h = times[s + 1] - t;
            NDArray next;
            try (NDManager scope = outer.newSubManager()) {
                x.attach(scope); // the previous states go with this step
                var method = m_tableau.evaluatesAtEnd() && !field.isFiniteAt(times[s + 1]) ? ButcherTableau.EULER : m_tableau;
                var k = method.stages(field, x, t, h, null);
                nfe += method.stages();
                next = ButcherTableau.combine(x, h, method.b(), k);
                if (noise != null && noise.appliesAt(times[s + 1])) {
                    next = noise.apply(field, next, times[s + 1], h);
                    nfe += noise.evaluations();
                }
                next.attach(outer);
            }
            x = next;
            trajectory.record(x);
            if (options.listener() != null) {
                options.listener().stepped(times[s + 1], nfe);
            }
        }
        return trajectory.solution(x, nfe, grid.steps(), 0);
    }

    @Override
    public String describe() {
        return m_tableau.name();
    }
}
