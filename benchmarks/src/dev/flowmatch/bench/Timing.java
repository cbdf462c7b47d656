package dev.flowmatch.bench;

import java.util.Arrays;

/** Wall-clock timing with warm-up and medians (robust to the odd GC pause or scheduler hiccup). */
final class Timing {

    private Timing() {
    }

    /** Runs {@code work} {@code warmup} times, then until {@code minSeconds} and {@code minReps} are met. */
    static double medianSeconds(final Runnable work, final int warmup, final int minReps, final double minSeconds) {
        for (int i = 0; i < warmup; i++) {
            work.run();
        }
        var times = new double[Math.max(minReps, 1) * 64];
        int n = 0;
        long start = System.nanoTime();
        while (n < times.length && (n < minReps || (System.nanoTime() - start) / 1e9 < minSeconds)) {
            long t0 = System.nanoTime();
            work.run();
            times[n++] = (System.nanoTime() - t0) / 1e9;
        }
        return median(Arrays.copyOf(times, n));
    }

    /** @return the median (the mean of the middle two for an even count); the argument is not changed */
    static double median(final double[] values) {
        var v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
    }
}
