package dev.flowmatch.engine.flow.path;

import java.util.Locale;

/**
 * Conditional optimal transport (Lipman et al. 2023): α_t = t, σ_t = 1 − (1 − σ_min)·t, straight lines
 * from noise to data. With σ_min &gt; 0 the path ends in N(x1, σ_min²) instead of exactly at x1.
 *
 * @param sigmaMin σ at t = 1, in [0, 1)
 */
public record CondOtScheduler(double sigmaMin) implements Scheduler {

    public CondOtScheduler {
        if (!(sigmaMin >= 0 && sigmaMin < 1)) {
            throw new IllegalArgumentException("σ_min must lie in [0, 1), got " + sigmaMin + ".");
        }
    }

    @Override
    public Coefficients at(final double t) {
        Scheduler.checkTime(t);
        return new Coefficients(t, 1 - (1 - sigmaMin) * t, 1, -(1 - sigmaMin));
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "condot(sigma_min=%g)", sigmaMin);
    }
}
