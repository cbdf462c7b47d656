package dev.flowmatch.engine.flow.path;

import java.util.Locale;

/**
 * Variance-preserving schedule of score-based diffusion (Song et al. 2021) in flow-matching time:
 * with s = 1 − t and T(s) = β_min·s + (β_max − β_min)·s²/2, α_t = exp(−T/2) and σ_t = √(1 − exp(−T)).
 * At t = 1, σ = 0 and dσ/dt is infinite; solvers never evaluate a field exactly there with this path
 * unless it handles that limit.
 *
 * @param betaMin β at the data end, &gt; 0 (default 0.1)
 * @param betaMax β at the noise end, ≥ betaMin (default 20)
 */
public record VpScheduler(double betaMin, double betaMax) implements Scheduler {

    public VpScheduler {
        if (!(betaMin > 0) || !(betaMax >= betaMin) || Double.isInfinite(betaMax)) {
            throw new IllegalArgumentException(
                "VP schedule needs 0 < β_min ≤ β_max, got β_min=" + betaMin + ", β_max=" + betaMax + ".");
        }
    }

    /** @return the usual defaults β_min = 0.1, β_max = 20 */
    public static VpScheduler defaults() {
        return new VpScheduler(0.1, 20);
    }

    @Override
    public Coefficients at(final double t) {
        Scheduler.checkTime(t);
        double s = 1 - t;
        double big = betaMin * s + 0.5 * (betaMax - betaMin) * s * s;
        double dBig = -(betaMin + (betaMax - betaMin) * s); // dT/dt = −dT/ds
        double alpha = Math.exp(-0.5 * big);
        double var = -Math.expm1(-big);
        double sigma = Math.sqrt(var);
        double dAlpha = -0.5 * dBig * alpha;
        double dSigma = sigma == 0 ? Double.NEGATIVE_INFINITY : 0.5 * dBig * Math.exp(-big) / sigma;
        return new Coefficients(alpha, sigma, dAlpha, dSigma);
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "vp(beta_min=%g,beta_max=%g)", betaMin, betaMax);
    }
}
