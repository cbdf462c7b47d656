package dev.flowmatch.engine.flow.solver;

/**
 * Optional behaviour of an integration.
 *
 * @param recordTrajectory keep the states at every grid time (memory: one copy per grid time)
 * @param noise a correction after each fixed step where it applies (Langevin, discrete type jumps), or null
 * @param listener told after every accepted step; may throw to cancel, or null
 */
public record SolveOptions(boolean recordTrajectory, StepCorrection noise, StepListener listener) {

    /** @return no trajectory, no noise, no listener */
    public static SolveOptions none() {
        return new SolveOptions(false, null, null);
    }

    public SolveOptions withTrajectory() {
        return new SolveOptions(true, noise, listener);
    }

    public SolveOptions withNoise(final StepCorrection n) {
        return new SolveOptions(recordTrajectory, n, listener);
    }

    public SolveOptions withListener(final StepListener l) {
        return new SolveOptions(recordTrajectory, noise, l);
    }

    /** Progress of an integration; throw (e.g. a cancellation exception, wrapped unchecked) to stop it. */
    @FunctionalInterface
    public interface StepListener {
        void stepped(double t, int nfe);
    }
}
