package dev.flowmatch.engine.flow.solver;

import java.util.List;

import ai.djl.ndarray.NDArray;

/**
 * The end of an integration: the final states (in the initial states' manager), the number of field
 * evaluations (NFE) and steps taken, steps rejected by error control, and, when asked for, the states at
 * every grid time including the start.
 */
public record Solution(NDArray x, int nfe, int steps, int rejected, List<NDArray> trajectory,
    double[] trajectoryTimes) {
}
