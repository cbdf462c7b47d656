package dev.flowmatch.engine.flow.path;

import ai.djl.ndarray.NDArray;

/**
 * One batch of samples on a path: times t (one per sample), the noise x0 and data x1 they were drawn
 * from, the point x_t and the conditional velocity dx_t/dt = α̇_t·x1 + σ̇_t·x0. Arrays share x1's manager.
 */
public record PathSample(double[] t, NDArray x0, NDArray x1, NDArray xt, NDArray dxt) {

    /** @return what a network with the given parametrization is trained to predict */
    public NDArray target(final Parametrization p) {
        return switch (p) {
            case VELOCITY -> dxt;
            case DATA -> x1;
            case NOISE -> x0;
        };
    }
}
