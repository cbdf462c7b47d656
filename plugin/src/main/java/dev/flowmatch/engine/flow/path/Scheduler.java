package dev.flowmatch.engine.flow.path;

/**
 * The schedule of an affine probability path x_t = α_t·x1 + σ_t·x0 between noise x0 (t = 0) and data
 * x1 (t = 1). Implementations give α, σ and their time derivatives in closed form, so that target
 * velocities and parametrization conversions are exact.
 */
public interface Scheduler {

    /** @return α_t, σ_t, dα/dt and dσ/dt at t in [0, 1] */
    Coefficients at(double t);

    /** @return a short name with the parameters, for model files and logs */
    String describe();

    /** α_t, σ_t and their derivatives at one time. */
    record Coefficients(double alpha, double sigma, double dAlpha, double dSigma) {
    }

    /** @throws IllegalArgumentException when t is outside [0, 1] (or NaN) */
    static double checkTime(final double t) {
        if (!(t >= 0 && t <= 1)) {
            throw new IllegalArgumentException("Time t must lie in [0, 1], got " + t + ".");
        }
        return t;
    }
}
