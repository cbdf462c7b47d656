package dev.flowmatch.engine.flow.path;

import java.util.Locale;

/**
 * A loss weight per sample time. With a data (x1) parametrization, weighting the x1 error by
 * 1/(1 − t)² makes it the velocity error of CondOT, since v − v̂ = (x1 − x̂1)/(1 − t); TABASCO clamps
 * that weight to [0.05, 100] so that t near 1 cannot dominate.
 */
public interface TimeFactor {

    double weight(double t);

    String describe();

    /** @return the weights of the given times */
    default double[] weights(final double[] t) {
        var w = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            w[i] = weight(t[i]);
        }
        return w;
    }

    /** Weight 1 for every t. */
    static TimeFactor none() {
        return new TimeFactor() {
            @Override
            public double weight(final double t) {
                return 1;
            }

            @Override
            public String describe() {
                return "none";
            }
        };
    }

    /** min(max(1/(1 − t)², lo), hi); TABASCO uses lo = 0.05, hi = 100. */
    static TimeFactor clampedInverseSquare(final double lo, final double hi) {
        if (!(lo >= 0) || !(hi >= lo)) {
            throw new IllegalArgumentException("Time factor clamp needs 0 ≤ lo ≤ hi, got lo=" + lo + ", hi=" + hi + ".");
        }
        return new TimeFactor() {
            @Override
            public double weight(final double t) {
                double d = 1 - t;
                double w = d == 0 ? Double.POSITIVE_INFINITY : 1 / (d * d);
                return Math.min(Math.max(w, lo), hi);
            }

            @Override
            public String describe() {
                return String.format(Locale.ROOT, "inverse_square(clamp=[%g,%g])", lo, hi);
            }
        };
    }
}
