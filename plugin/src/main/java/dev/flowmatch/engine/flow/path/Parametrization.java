package dev.flowmatch.engine.flow.path;

/**
 * What a network predicts on an affine path, each a fixed linear combination p·x1 + q·x0 of data and
 * noise: the velocity dx_t/dt = α̇·x1 + σ̇·x0, the clean data x1, or the noise x0 (ε). Knowing x_t, any
 * one determines the others wherever the 2×2 system [x_t; value] = [[α, σ], [p, q]]·[x1; x0] is
 * invertible.
 */
public enum Parametrization {
    /** Predict dx_t/dt (flow matching as in Lipman et al.). */
    VELOCITY,
    /** Predict the clean sample x1 (as TABASCO). */
    DATA,
    /** Predict the noise x0 (ε-prediction as in DDPM). */
    NOISE;

    /** @return (p, q) with value = p·x1 + q·x0 under the given coefficients */
    double[] weights(final Scheduler.Coefficients c) {
        return switch (this) {
            case VELOCITY -> new double[]{c.dAlpha(), c.dSigma()};
            case DATA -> new double[]{1, 0};
            case NOISE -> new double[]{0, 1};
        };
    }
}
