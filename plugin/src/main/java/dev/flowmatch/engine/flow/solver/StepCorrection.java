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

}
