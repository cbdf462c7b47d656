package dev.flowmatch.engine.flow;

import ai.djl.ndarray.NDArray;

/**
 * A time-dependent velocity field u_t(x) that ODE solvers integrate from noise (t = 0) to data (t = 1).
 * Implemented by the exact marginal fields and by trained networks alike, so every solver samples from
 * either unchanged.
 *
 * <p>Contract: the result has x's shape and lives in x's manager (compute it with x as the receiver of
 * the first operation, or through {@link Scopes#compute}); x itself is neither changed nor closed.
 */
@FunctionalInterface
public interface VectorField {

    /**
     * @param x states [B, ...]
     * @param t the time, in [0, 1]
     * @return the velocity at every state
     */
    NDArray velocity(NDArray x, double t);

    /**
     * @return false where the field is singular, as the exact marginal field of finite data at t = 1 (0/0:
     *         the data points are sinks) or an x1-parametrized network turned into velocities there; fixed-step
     *         solvers then take an Euler step into that time, which never evaluates there (as the EDM sampler
     *         does for its last step)
     */
    default boolean isFiniteAt(final double t) {
        return true;
    }
}
