package dev.flowmatch.engine.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.flowmatch.engine.compute.ManagedTorchTest;
import dev.flowmatch.engine.flow.path.AffinePath;
import dev.flowmatch.engine.flow.path.CondOtScheduler;
import dev.flowmatch.engine.flow.path.CosineScheduler;
import dev.flowmatch.engine.flow.path.Scheduler;
import dev.flowmatch.engine.flow.path.VpScheduler;
import dev.flowmatch.engine.flow.solver.LangevinCorrection;
import dev.flowmatch.engine.flow.solver.SolveOptions;
import dev.flowmatch.engine.flow.solver.SolverKind;
import dev.flowmatch.engine.flow.solver.TimeGrid;
import dev.flowmatch.engine.flow.solver.FixedStepSolver;

/**
 * Integrating the closed-form marginal field of Gaussian data N(μ, Σ) must carry N(0, I) samples to
 * N(μ, Σ): sample mean and covariance of n = 20,000 end points within a few standard errors.
 */
class GaussianFlowTest extends ManagedTorchTest {

    private static final int N = 20_000;

    private static final double[] MEAN = {1.0, -2.0, 0.5};

    /** correlated, with very different scales */
    private static final double[][] COV = {{2.0, 0.6, -0.3}, {0.6, 0.5, 0.1}, {-0.3, 0.1, 0.25}};

    private static NDArray noise(final long seed) {
        return new GaussianPrior(false).sample(s_manager, new Shape(N, 3), new Random(seed));
    }

    @Test
    void everySolverCarriesNoiseToTheTargetGaussian() {
        var field = new GaussianMarginalField(new CondOtScheduler(0), MEAN, COV);
        for (var kind : SolverKind.values()) {
            var sol = kind.create().integrate(field, noise(kind.ordinal()), kind.defaultGrid());
            assertMoments(sol.x(), kind + " (nfe " + sol.nfe() + ")");
            sol.x().close();
        }
    }

    @Test
    void otherSchedulersAndLogSpacedGridsToo() {
        for (Scheduler s : new Scheduler[]{new CosineScheduler(), VpScheduler.defaults(), new CondOtScheduler(0.01)}) {
            var field = new GaussianMarginalField(s, MEAN, COV);
            // σ_min > 0 ends in N(μ, Σ + σ_min²·I): negligible at 0.01 against these tolerances
            var sol = SolverKind.DOPRI5.create().integrate(field, noise(10), TimeGrid.endpoints(0, 1));
            assertMoments(sol.x(), s.describe());
        }
        var log = FixedStepSolver.rk4().integrate(new GaussianMarginalField(new CondOtScheduler(0), MEAN, COV),
            noise(11), TimeGrid.logSpacedTowardOne(25, 1e-2));
        assertMoments(log.x(), "rk4 on a log-spaced grid");
    }

    @Test
    void langevinCorrectionsKeepTheDistribution() {
        var scheduler = new CondOtScheduler(0);
        var field = new GaussianMarginalField(scheduler, MEAN, COV);
        var noise = new LangevinCorrection(new AffinePath(scheduler), 0.5, 1.0, new GaussianPrior(false), null,
            new Random(5));
        var sol = FixedStepSolver.heun().integrate(field, noise(12), TimeGrid.uniform(50),
            SolveOptions.none().withNoise(noise));
        assertEquals(50 * 2 + 25, sol.nfe(), "one extra evaluation per corrected step in [0.5, 1)");
        assertMoments(sol.x(), "heun with Langevin corrections");
    }

    /** TABASCO's window: corrections from the start until t = 0.9, then plain steps; the exact field keeps p_1. */
    @Test
    void langevinCorrectionsOnAnEarlyWindowKeepTheDistribution() {
        var scheduler = new CondOtScheduler(0);
        var field = new GaussianMarginalField(scheduler, MEAN, COV);
        var noise = new LangevinCorrection(new AffinePath(scheduler), 0, 0.9, 1.0, new GaussianPrior(false), null,
            new Random(6));
        assertTrue(noise.appliesAt(0.5) && !noise.appliesAt(0.9) && !noise.appliesAt(0.95));
        var sol = FixedStepSolver.euler().integrate(field, noise(13), TimeGrid.uniform(100),
            SolveOptions.none().withNoise(noise));
        // steps end at 0.01 … 1.00: those ending before 0.9 (0.01 … 0.89) are corrected
        assertEquals(100 + 89, sol.nfe());
        assertMoments(sol.x(), "euler with Langevin corrections until t = 0.9");
    }

    /** mean within 4 standard errors, covariance entries within 4 standard errors of the sample covariance */
    static void assertMoments(final NDArray x, final String what) {
        var v = x.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray();
        int n = v.length / 3;
        var m = new double[3];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 3; k++) {
                m[k] += v[3 * i + k] / n;
            }
        }
        var c = new double[3][3];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 3; b++) {
                    c[a][b] += (v[3 * i + a] - m[a]) * (v[3 * i + b] - m[b]) / (n - 1);
                }
            }
        }
        for (int a = 0; a < 3; a++) {
            double seMean = Math.sqrt(COV[a][a] / n);
            assertEquals(MEAN[a], m[a], 4 * seMean, String.format(Locale.ROOT, "%s: mean[%d]", what, a));
            for (int b = 0; b < 3; b++) {
                // Var of a sample covariance entry for Gaussian data: (Σ_aa·Σ_bb + Σ_ab²)/n
                double se = Math.sqrt((COV[a][a] * COV[b][b] + COV[a][b] * COV[a][b]) / n);
                assertEquals(COV[a][b], c[a][b], 4 * se, String.format(Locale.ROOT, "%s: cov[%d][%d]", what, a, b));
            }
        }
    }
}
