package dev.flowmatch.engine.flow.solver;

import ai.djl.ndarray.NDArray;
import dev.flowmatch.engine.flow.VectorField;

/**
 * Something a fixed-step solver does to the state after a step: a Langevin correction
 * ({@link LangevinCorrection}), or the jumps of discrete atom types between solver steps. Adaptive solvers
 * refuse corrections: their steps are not known in advance.
 */
public interface StepCorrection {

    /** @return whether the step that ends at t is corrected */
    boolean appliesAt(double t);

    /**
     * @param x the state after a solver step from t − h to t
     * @return the corrected state (in x's manager)
     */
    NDArray apply(VectorField field, NDArray x, double t, double h);

    /** @return field evaluations one application costs (counted toward the solution's NFE) */
    int evaluations();

    /** @return a short description for messages */
    String describe();

    /** @return this correction, then {@code next} (each where it applies) */
    default StepCorrection then(final StepCorrection next) {
        var first = this;
        return new StepCorrection() {
            @Override
            public boolean appliesAt(final double t) {
                return first.appliesAt(t) || next.appliesAt(t);
            }

            @Override
            public NDArray apply(final VectorField field, final NDArray x, final double t, final double h) {
                var y = first.appliesAt(t) ? first.apply(field, x, t, h) : x;
                return next.appliesAt(t) ? next.apply(field, y, t, h) : y;
            }

            @Override
            public int evaluations() {
                return first.evaluations() + next.evaluations();
            }

            @Override
            public String describe() {
                return first.describe() + " then " + next.describe();
            }
        };
    }
}
