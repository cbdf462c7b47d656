package dev.flowmatch.engine.flow.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.flowmatch.engine.compute.ManagedTorchTest;
import dev.flowmatch.engine.flow.PerSample;
import dev.flowmatch.engine.flow.Scopes;
import dev.flowmatch.engine.flow.VectorField;

/**
 * Solvers on a linear, time-dependent ODE with a closed-form solution, dx/dt = (cos(3t)·I + ω·J)·x with J
 * the 2-D rotation generator: x(1) = exp(sin(3)/3)·R(ω)·x(0). The error of each fixed-step method must
 * fall as h^p with its order p; Dopri5 must meet its tolerance.
 */
class SolverConvergenceTest extends ManagedTorchTest {

    private static final double OMEGA = 2.0;

    /** v = x·Mᵀ with M = c(t)·I + ω·J for row vectors x [B, 2]. */
    static final VectorField LINEAR = (x, t) -> {
        double c = Math.cos(3 * t);
        var mT = new double[]{c, OMEGA, -OMEGA, c};
        return Scopes.compute(x, xs -> xs.matMul(PerSample.of(mT, xs, new Shape(2, 2))));
    };

    static NDArray start(final NDManager m) {
        return m.create(new double[]{1, 0, 0.3, -2, -1.5, 0.7}, new Shape(3, 2));
    }

    static double[] exact() {
        double g = Math.exp(Math.sin(3) / 3);
        double c = Math.cos(OMEGA);
        double s = Math.sin(OMEGA);
        double[] x0 = {1, 0, 0.3, -2, -1.5, 0.7};
        var r = new double[6];
        for (int i = 0; i < 3; i++) {
            r[2 * i] = g * (c * x0[2 * i] - s * x0[2 * i + 1]);
            r[2 * i + 1] = g * (s * x0[2 * i] + c * x0[2 * i + 1]);
        }
        return r;
    }

    static double maxError(final NDArray x) {
        var e = exact();
        var v = x.toDoubleArray();
        double m = 0;
        for (int i = 0; i < e.length; i++) {
            m = Math.max(m, Math.abs(v[i] - e[i]));
        }
        return m;
    }

    @Test
    void fixedStepErrorsFallWithTheMethodsOrder() {
        for (var tableau : new ButcherTableau[]{ButcherTableau.EULER, ButcherTableau.MIDPOINT, ButcherTableau.HEUN,
            ButcherTableau.RK4}) {
            var solver = new FixedStepSolver(tableau);
            int[] steps = tableau.order() == 4 ? new int[]{32, 64, 128, 256} : new int[]{10, 20, 40, 80, 160};
            var logH = new double[steps.length];
            var logE = new double[steps.length];
            for (int i = 0; i < steps.length; i++) {
                var sol = solver.integrate(LINEAR, start(s_manager), TimeGrid.uniform(steps[i]));
                assertEquals(steps[i] * tableau.stages(), sol.nfe(), "NFE of " + tableau.name());
                logH[i] = Math.log(1.0 / steps[i]);
                logE[i] = Math.log(maxError(sol.x()));
                sol.x().close();
            }
            double slope = slope(logH, logE);
            assertEquals(tableau.order(), slope, 0.3,
                String.format(Locale.ROOT, "%s: fitted order %.3f", tableau.name(), slope));
        }
    }

    /** least-squares slope of y on x */
    static double slope(final double[] x, final double[] y) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i] / x.length;
            my += y[i] / y.length;
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        return sxy / sxx;
    }

    @Test
    void dopri5MeetsItsToleranceAndWorksHarderForTighterOnes() {
        int previousNfe = 0;
        for (double tol : new double[]{1e-3, 1e-5, 1e-7, 1e-9}) {
            var sol = new Dopri5Solver(tol, tol, 10_000).integrate(LINEAR, start(s_manager), TimeGrid.endpoints(0, 1));
            double err = maxError(sol.x());
            // local tolerance per step; the global error stays within a small multiple of it here
            assertTrue(err <= 10 * tol * (1 + 2.5), String.format(Locale.ROOT, "tol %g: error %g", tol, err));
            assertTrue(sol.nfe() > previousNfe, "tighter tolerance must take more evaluations");
            assertEquals(6 * (sol.steps() + sol.rejected()) + 2, sol.nfe(), "FSAL: 6 new stages per step, 2 to start");
            previousNfe = sol.nfe();
            sol.x().close();
        }
    }

    @Test
    void dopri5StopsWithAClearErrorAtItsStepLimit() {
        var e = assertThrows(IllegalStateException.class,
            () -> new Dopri5Solver(1e-12, 1e-12, 5).integrate(LINEAR, start(s_manager), TimeGrid.endpoints(0, 1)));
        assertTrue(e.getMessage().contains("maximum of 5 steps"), e.getMessage());
    }

    @Test
    void solversHoldOnlyTheirResultInNativeMemory() {
        for (var kind : SolverKind.values()) {
            try (var m = s_manager.newSubManager()) {
                var x0 = start(m);
                int before = m.getManagedArrays().size();
                var sol = kind.create().integrate(LINEAR, x0, kind.defaultGrid());
                assertEquals(before + 1, m.getManagedArrays().size(), kind + " left arrays behind");
                assertEquals(6, sol.x().getShape().size());
                assertEquals(1, x0.toDoubleArray()[0], 0, kind + " changed its input");
            }
        }
    }

    @Test
    void trajectoryHoldsEveryGridTime() {
        var grid = TimeGrid.uniform(8);
        var sol = FixedStepSolver.heun().integrate(LINEAR, start(s_manager), grid, SolveOptions.none().withTrajectory());
        assertEquals(9, sol.trajectory().size());
        assertEquals(0, sol.trajectory().get(0).sub(start(s_manager)).abs().max().getDouble(), 0);
        assertEquals(0, sol.trajectory().get(8).sub(sol.x()).abs().max().getDouble(), 0);
        var times = new ArrayList<Double>();
        var d = new Dopri5Solver(1e-6, 1e-6, 1000).integrate(LINEAR, start(s_manager), new TimeGrid(new double[]{0, 0.25,
            0.5, 1}), SolveOptions.none().withTrajectory().withListener((t, nfe) -> times.add(t)));
        assertEquals(4, d.trajectory().size());
        assertEquals(1.0, times.get(times.size() - 1), 0, "last accepted step ends exactly at t = 1");
        assertTrue(times.contains(0.25) && times.contains(0.5), "dopri5 stops at every grid time: " + times);
    }

    @Test
    void timeGridsAreValidated() {
        var log = TimeGrid.logSpacedTowardOne(10, 1e-3);
        assertEquals(0, log.start(), 0);
        assertEquals(1, log.end(), 0);
        assertEquals(1e-3, log.times()[10] - log.times()[9], 1e-12, "last step is the final gap");
        for (int i = 1; i < 10; i++) {
            double prev = log.times()[i] - log.times()[i - 1];
            double next = log.times()[i + 1] - log.times()[i];
            assertTrue(next < prev, "steps shrink toward t = 1");
        }
        assertThrows(IllegalArgumentException.class, () -> new TimeGrid(new double[]{0, 0.5, 0.5}));
        assertThrows(IllegalArgumentException.class, () -> new TimeGrid(new double[]{0, 1.5}));
        assertThrows(IllegalArgumentException.class, () -> TimeGrid.uniform(0));
    }
}
