package dev.flowmatch.engine.flow.solver;

import java.util.Arrays;

/**
 * The times a solver steps through (fixed-step solvers) or must stop at (adaptive ones): strictly
 * increasing values in [0, 1], usually from 0 to 1.
 */
public record TimeGrid(double[] times) {

    public TimeGrid {
        if (times.length < 2) {
            throw new IllegalArgumentException("A time grid needs at least two times, got " + times.length + ".");
        }
        for (int i = 0; i < times.length; i++) {
            if (!(times[i] >= 0 && times[i] <= 1) || i > 0 && !(times[i] > times[i - 1])) {
                throw new IllegalArgumentException(
                    "Time grid must be strictly increasing within [0, 1]; bad value " + times[i] + " at " + i + ".");
            }
        }
        times = times.clone();
    }

    /** @return steps equal steps from 0 to 1 */
    public static TimeGrid uniform(final int steps) {
        requireSteps(steps, 1);
        var t = new double[steps + 1];
        for (int k = 0; k <= steps; k++) {
            t[k] = (double)k / steps;
        }
        t[steps] = 1;
        return new TimeGrid(t);
    }

    /**
     * Steps that shrink geometrically toward t = 1, where molecules take their final shape: 1 − t runs from 1
     * to finalGap in steps − 1 geometric steps, and a last step of finalGap reaches 1.
     */
    public static TimeGrid logSpacedTowardOne(final int steps, final double finalGap) {
        requireSteps(steps, 2);
        if (!(finalGap > 0 && finalGap < 1)) {
            throw new IllegalArgumentException("Final gap must lie in (0, 1), got " + finalGap + ".");
        }
        var t = new double[steps + 1];
        for (int k = 0; k < steps; k++) {
            t[k] = 1 - Math.pow(finalGap, (double)k / (steps - 1));
        }
        t[0] = 0;
        t[steps] = 1;
        return new TimeGrid(t);
    }

    /** @return the two end points only (for adaptive solvers) */
    public static TimeGrid endpoints(final double from, final double to) {
        return new TimeGrid(new double[]{from, to});
    }

    private static void requireSteps(final int steps, final int min) {
        if (steps < min) {
            throw new IllegalArgumentException("Number of steps must be at least " + min + ", got " + steps + ".");
        }
    }

    public int steps() {
        return times.length - 1;
    }

    public double start() {
        return times[0];
    }

    public double end() {
        return times[times.length - 1];
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof TimeGrid g && Arrays.equals(g.times, times);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(times);
    }

    @Override
    public String toString() {
        return "TimeGrid[" + steps() + " steps, " + start() + " to " + end() + "]";
    }
}
