package dev.flowmatch.engine.flow.solver;

import ai.djl.ndarray.NDArray;
import dev.flowmatch.engine.flow.VectorField;

/** Integrates dx/dt = u_t(x) for a {@link VectorField} over a {@link TimeGrid}. */
public interface OdeSolver {

    /**
     * @param x0 initial states [B, ...]; not changed or closed
     * @return the states at the grid's last time, in x0's manager
     */
    default Solution integrate(final VectorField field, final NDArray x0, final TimeGrid grid) {
        return integrate(field, x0, grid, SolveOptions.none());
    }

    Solution integrate(VectorField field, NDArray x0, TimeGrid grid, SolveOptions options);

    /** @return name and settings, for logs and result tables */
    String describe();
}
