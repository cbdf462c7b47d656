package dev.flowmatch.engine.metrics;

import java.util.Arrays;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * Percentile bootstrap confidence intervals: the statistic recomputed on molecules resampled with
 * replacement. Works for any statistic of a set (a mean of per-molecule flags, uniqueness, a distance).
 */
public final class Bootstrap {

    private Bootstrap() {
    }

    /** @param lower lower bound @param upper upper bound, at the given confidence level */
    public record Interval(double lower, double upper) {
    }

    /**
     * @param n number of molecules
     * @param statistic computed from the indices of one resample (with repeats)
     * @param level e.g. 0.95
     */
    public static Interval interval(final int n, final ToDoubleFunction<int[]> statistic, final int resamples,
        final double level, final long seed) {
        if (n < 1 || resamples < 2 || !(level > 0 && level < 1)) {
            throw new IllegalArgumentException(
                "Bootstrap needs n ≥ 1, ≥ 2 resamples and a level in (0, 1); got n=" + n + ", resamples=" + resamples
                    + ", level=" + level + ".");
        }
        var rng = new Random(seed);
        var values = new double[resamples];
        var idx = new int[n];
        for (int r = 0; r < resamples; r++) {
            for (int i = 0; i < n; i++) {
                idx[i] = rng.nextInt(n);
            }
            values[r] = statistic.applyAsDouble(idx);
        }
        Arrays.sort(values);
        double alpha = (1 - level) / 2;
        return new Interval(quantile(values, alpha), quantile(values, 1 - alpha));
    }

    /** @return the mean of a per-molecule value, as a statistic */
    public static ToDoubleFunction<int[]> mean(final double[] perMolecule) {
        return idx -> {
            double s = 0;
            for (int i : idx) {
                s += perMolecule[i];
            }
            return s / idx.length;
        };
    }

    private static double quantile(final double[] sorted, final double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int)Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
