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
        var used = Arrays.copyOf(times, n);
        Arrays.sort(used);
        return n % 2 == 1 ? used[n / 2] : 0.5 * (used[n / 2 - 1] + used[n / 2]);
    }
}
