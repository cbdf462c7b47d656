package dev.flowmatch.engine.flow;

import dev.flowmatch.engine.flow.path.Scheduler;

/**
 * Where a closed-form field meets σ_t = 0 (t = 1 without σ_min) its velocity is 0/0. Fields report that
 * through {@link VectorField#isFiniteAt} so fixed-step solvers do not evaluate there; a caller that still
 * does (an adaptive solver's last stage) gets the velocity at {@link #T_MAX} instead, which is finite, and
 * the solver's error control absorbs the difference.
 */
public final class FieldTime {

    public static final double T_MAX = 1 - 1e-4;

    private FieldTime() {
    }

    /** @return whether σ_t &gt; 0 with a finite derivative, where the marginal velocity is finite */
    public static boolean isFinite(final Scheduler s, final double t) {
        var c = s.at(t);
        return c.sigma() > 0 && Double.isFinite(c.dSigma());
    }

    public static Scheduler.Coefficients at(final Scheduler s, final double t) {
        var c = s.at(t);
        if (t > T_MAX && !isFinite(s, t)) {
            return s.at(T_MAX);
        }
        return c;
    }
}
