package dev.flowmatch.engine.flow.path;

import java.util.Locale;

/**
 * Polynomial convex schedule: α_t = t^n, σ_t = 1 − t^n. n &gt; 1 keeps samples noisy for longer, n &lt; 1
 * moves toward the data early.
 *
 * @param exponent n &gt; 0
 */
public record PolynomialScheduler(double exponent) implements Scheduler {

    public PolynomialScheduler {
        if (!(exponent > 0) || Double.isInfinite(exponent)) {
            throw new IllegalArgumentException("Polynomial exponent must be > 0, got " + exponent + ".");
        }
    }

    @Override
    public Coefficients at(final double t) {
        Scheduler.checkTime(t);
        double a = Math.pow(t, exponent);
        // d/dt t^n = n·t^(n−1); written as n·t^n / t would divide by zero at t = 0
        double da = t == 0 ? (exponent == 1 ? 1 : exponent < 1 ? Double.POSITIVE_INFINITY : 0)
            : exponent * Math.pow(t, exponent - 1);
        return new Coefficients(a, 1 - a, da, -da);
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "polynomial(n=%g)", exponent);
    }
}
