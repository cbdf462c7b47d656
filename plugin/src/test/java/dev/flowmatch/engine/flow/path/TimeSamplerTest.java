package dev.flowmatch.engine.flow.path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** Time samplers against their distributions' closed-form moments; the TABASCO time factor by hand. */
class TimeSamplerTest {

    private static final int N = 200_000;

    private static double mean(final double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s / a.length;
    }

    private static double variance(final double[] a) {
        double m = mean(a);
        double s = 0;
        for (double v : a) {
            s += (v - m) * (v - m);
        }
        return s / (a.length - 1);
    }

    private static void assertInUnitInterval(final double[] t) {
        for (double v : t) {
            assertTrue(v >= 0 && v <= 1, "t=" + v);
        }
    }

    @Test
    void uniformHasMeanHalfAndVarianceOneTwelfth() {
        var t = TimeSampler.uniform().sample(N, new Random(1));
        assertInUnitInterval(t);
        assertEquals(0.5, mean(t), 4 * Math.sqrt(1 / 12.0 / N));
        assertEquals(1 / 12.0, variance(t), 0.002);
    }

    @Test
    void betaMatchesItsMoments() {
        for (double[] ab : new double[][]{{1.8, 1}, {2, 5}, {0.5, 0.5}}) {
            double a = ab[0];
            double b = ab[1];
            var t = TimeSampler.beta(a, b).sample(N, new Random(2));
            assertInUnitInterval(t);
            double m = a / (a + b);
            double v = a * b / ((a + b) * (a + b) * (a + b + 1));
            assertEquals(m, mean(t), 4 * Math.sqrt(v / N), "Beta(" + a + "," + b + ") mean");
            assertEquals(v, variance(t), 0.03 * v, "Beta(" + a + "," + b + ") variance");
        }
    }

    @Test
    void logitNormalIsNormalAfterLogit() {
        var t = TimeSampler.logitNormal(0.3, 0.8).sample(N, new Random(3));
        assertInUnitInterval(t);
        var z = new double[N];
        for (int i = 0; i < N; i++) {
            z[i] = Math.log(t[i] / (1 - t[i]));
        }
        assertEquals(0.3, mean(z), 4 * 0.8 / Math.sqrt(N));
        assertEquals(0.64, variance(z), 0.02);
    }

    @Test
    void samplesAreReproducibleFromTheSeed() {
        for (var s : new TimeSampler[]{TimeSampler.uniform(), TimeSampler.beta(1.8, 1), TimeSampler.logitNormal(0, 1)}) {
            assertArrayEquals(s.sample(100, new Random(42)), s.sample(100, new Random(42)), 0, s.describe());
        }
    }

    @Test
    void badParametersAreRejectedWithTheirValues() {
        var e = assertThrows(IllegalArgumentException.class, () -> TimeSampler.beta(0, 1));
        assertTrue(e.getMessage().contains("a=0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TimeSampler.logitNormal(0, -1));
        assertThrows(IllegalArgumentException.class, () -> new CondOtScheduler(1));
        assertThrows(IllegalArgumentException.class, () -> new VpScheduler(0, 20));
    }

    @Test
    void inverseSquareFactorIsClamped() {
        var f = TimeFactor.clampedInverseSquare(0.05, 100);
        assertEquals(1, f.weight(0), 1e-12);
        assertEquals(4, f.weight(0.5), 1e-12);
        assertEquals(100, f.weight(0.95), 1e-12); // 1/0.05² = 400, clamped
        assertEquals(100, f.weight(1), 0);
        assertEquals(1 / (0.2 * 0.2), f.weight(0.8), 1e-9);
        assertEquals(1, TimeFactor.none().weight(0.99), 0);
        assertEquals(2, TimeFactor.clampedInverseSquare(2, 10).weight(0), 0, "lower clamp binds: 1 < 2");
    }
}
