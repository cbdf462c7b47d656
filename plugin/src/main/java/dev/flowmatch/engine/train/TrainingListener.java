package dev.flowmatch.engine.train;

/**
 * Receives training progress; the trainer asks {@link #isCancelled()} before every step and stops with a
 * {@link java.util.concurrent.CancellationException} when it says so.
 */
public interface TrainingListener {

    default void onStep(final StepMetrics metrics, final int totalSteps) {
    }

    default void onValidation(final ValidationMetrics metrics) {
    }

    default void onEpoch(final EpochMetrics metrics) {
    }

    default boolean isCancelled() {
        return false;
    }

    /** @return a listener that does nothing */
    static TrainingListener none() {
        return new TrainingListener() {
        };
    }
}
