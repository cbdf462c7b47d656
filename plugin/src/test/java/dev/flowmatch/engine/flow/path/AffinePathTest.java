package dev.flowmatch.engine.flow.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.flowmatch.engine.compute.ManagedTorchTest;
import dev.flowmatch.engine.flow.GaussianPrior;

/**
 * Path identities checked against definitions, not against the code's own formulas: end points, the
 * target velocity as the finite-difference derivative of x_t in t, and parametrization conversions that
 * must give back the x0 and x1 the sample was built from.
 */
class AffinePathTest extends ManagedTorchTest {

    private static final List<Scheduler> SCHEDULERS = List.of(new CondOtScheduler(0), new CondOtScheduler(0.01),
        new PolynomialScheduler(2), new PolynomialScheduler(0.5), new CosineScheduler(), VpScheduler.defaults());

    private static NDArray gaussian(final long seed) {
        return new GaussianPrior(false).sample(s_manager, new Shape(4, 5, 3), DataType.FLOAT64, new Random(seed));
    }

    private static double maxAbs(final NDArray a, final NDArray b) {
        return a.sub(b).abs().max().getDouble();
    }

    @Test
    void endPointsOfCondOtAreNoiseAndData() {
        var path = new AffinePath(new CondOtScheduler(0));
        var x0 = gaussian(1);
        var x1 = gaussian(2);
        assertEquals(0, maxAbs(path.sample(x0, x1, new double[]{0, 0, 0, 0}).xt(), x0), 1e-15);
        assertEquals(0, maxAbs(path.sample(x0, x1, new double[]{1, 1, 1, 1}).xt(), x1), 1e-15);
        // with σ_min the end is x1 + σ_min·x0
        var withMin = new AffinePath(new CondOtScheduler(0.1)).sample(x0, x1, new double[]{1, 1, 1, 1}).xt();
        assertEquals(0, maxAbs(withMin, x1.add(x0.mul(0.1))), 1e-12);
    }

    @Test
    void everySchedulerStartsAtNoiseAndEndsAtData() {
        for (var s : List.of(new CondOtScheduler(0), new PolynomialScheduler(3), new CosineScheduler())) {
            assertEquals(0, s.at(0).alpha(), 1e-15, s.describe());
            assertEquals(1, s.at(0).sigma(), 1e-15, s.describe());
            assertEquals(1, s.at(1).alpha(), 1e-15, s.describe());
            assertEquals(0, s.at(1).sigma(), 1e-15, s.describe());
        }
        var vp = VpScheduler.defaults();
        assertEquals(1, vp.at(1).alpha(), 1e-15);
        assertEquals(0, vp.at(1).sigma(), 1e-15);
        assertTrue(vp.at(0).alpha() < 0.01, "VP starts near pure noise: α(0) = exp(−T/2) with T = 10.05");
    }

    @Test
    void targetVelocityIsTheTimeDerivativeOfXt() {
        var x0 = gaussian(3);
        var x1 = gaussian(4);
        double d = 1e-6;
        for (var s : SCHEDULERS) {
            var path = new AffinePath(s);
            for (double t : new double[]{0.05, 0.3, 0.5, 0.77, 0.95}) {
                var ts = new double[]{t, t, t, t};
                var plus = path.sample(x0, x1, shift(ts, d)).xt();
                var minus = path.sample(x0, x1, shift(ts, -d)).xt();
                var fd = plus.sub(minus).div(2 * d);
                var exact = path.sample(x0, x1, ts).dxt();
                double scale = 1 + exact.abs().max().getDouble();
                assertEquals(0, maxAbs(fd, exact) / scale, 1e-7, s.describe() + " at t=" + t);
            }
        }
    }

    private static double[] shift(final double[] t, final double d) {
        var r = t.clone();
        for (int i = 0; i < r.length; i++) {
            r[i] += d;
        }
        return r;
    }

    @Test
    void conversionsRecoverTheDataAndNoiseTheSampleWasBuiltFrom() {
        var x0 = gaussian(5);
        var x1 = gaussian(6);
        var t = new double[]{0.1, 0.4, 0.6, 0.9}; // a different t per sample
        for (var s : SCHEDULERS) {
            var path = new AffinePath(s);
            var sample = path.sample(x0, x1, t);
            for (var from : Parametrization.values()) {
                for (var to : Parametrization.values()) {
                    var converted = path.convert(sample.target(from), from, to, sample.xt(), t);
                    assertEquals(0, maxAbs(converted, sample.target(to)), 1e-9, s.describe() + " " + from + "→" + to);
                }
                // the score of the conditional path is −x0/σ_t
                var score = path.score(sample.target(from), from, sample.xt(), t);
                var sigma = new double[t.length];
                for (int i = 0; i < t.length; i++) {
                    sigma[i] = -1 / s.at(t[i]).sigma();
                }
                var expected = x0.mul(s_manager.create(sigma, new Shape(4, 1, 1)));
                assertEquals(0, maxAbs(score, expected) / (1 + expected.abs().max().getDouble()), 1e-9,
                    s.describe() + " score from " + from);
            }
        }
    }

    @Test
    void undefinedConversionsNameTheTime() {
        var path = new AffinePath(new CondOtScheduler(0));
        var sample = path.sample(gaussian(7), gaussian(8), new double[]{0, 0.5, 0.5, 0.5});
        // at t = 0, x_t is pure noise: a noise prediction says nothing about the data
        var e = assertThrows(IllegalArgumentException.class, () -> path.convert(sample.x0(), Parametrization.NOISE,
            Parametrization.DATA, sample.xt(), sample.t()));
        assertTrue(e.getMessage().contains("t=0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> path.sample(gaussian(1), gaussian(2), new double[]{0.5, 1.5, 0, 0}));
        assertThrows(IllegalArgumentException.class, () -> path.sample(gaussian(1), gaussian(2), new double[]{0.5}));
    }

    @Test
    void schedulerDerivativesMatchFiniteDifferences() {
        double d = 1e-6;
        for (var s : SCHEDULERS) {
            for (double t : new double[]{0.1, 0.5, 0.9}) {
                var c = s.at(t);
                double fa = (s.at(t + d).alpha() - s.at(t - d).alpha()) / (2 * d);
                double fs = (s.at(t + d).sigma() - s.at(t - d).sigma()) / (2 * d);
                assertEquals(fa, c.dAlpha(), 1e-6 * (1 + Math.abs(fa)), s.describe());
                assertEquals(fs, c.dSigma(), 1e-6 * (1 + Math.abs(fs)), s.describe());
            }
        }
    }
}
