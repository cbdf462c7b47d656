package dev.flowmatch.engine.flow.solver;

import java.util.Locale;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.flowmatch.engine.flow.VectorField;

/**
 * Adaptive Dormand–Prince 5(4) with first-same-as-last, the default of torchdiffeq and scipy's RK45.
 * The local error estimate is measured per sample as the RMS of err / (atol + rtol·max(|x|, |x_new|)),
 * and the worst sample decides, so every molecule of a batch meets the tolerance, not just the average.
 * Stops exactly at every grid time; the initial step follows Hairer, Nørsett and Wanner (II.4).
 */
public final class Dopri5Solver implements OdeSolver {

    private static final ButcherTableau TABLEAU = new ButcherTableau("dopri5", 5,
        new double[][]{{}, {1 / 5.0}, {3 / 40.0, 9 / 40.0}, {44 / 45.0, -56 / 15.0, 32 / 9.0},
            {19372 / 6561.0, -25360 / 2187.0, 64448 / 6561.0, -212 / 729.0},
            {9017 / 3168.0, -355 / 33.0, 46732 / 5247.0, 49 / 176.0, -5103 / 18656.0},
            {35 / 384.0, 0, 500 / 1113.0, 125 / 192.0, -2187 / 6784.0, 11 / 84.0}},
        new double[]{35 / 384.0, 0, 500 / 1113.0, 125 / 192.0, -2187 / 6784.0, 11 / 84.0, 0},
        new double[]{0, 1 / 5.0, 3 / 10.0, 4 / 5.0, 8 / 9.0, 1, 1});

    /** b − b* (fifth- minus fourth-order weights): h·Σ e_i·k_i estimates the local error. */
    private static final double[] ERROR = {71 / 57600.0, 0, -71 / 16695.0, 71 / 1920.0, -17253 / 339200.0,
        22 / 525.0, -1 / 40.0};

    private final double m_rtol;

    private final double m_atol;

    private final int m_maxSteps;

    /**
     * @param rtol relative tolerance &gt; 0
     * @param atol absolute tolerance &gt; 0 (Å for coordinates)
     * @param maxSteps most steps (accepted and rejected) before giving up with an error
     */
    public Dopri5Solver(final double rtol, final double atol, final int maxSteps) {
        if (!(rtol > 0) || !(atol > 0) || maxSteps < 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                "Dopri5 needs rtol > 0, atol > 0, max steps ≥ 1; got rtol=%g atol=%g max steps=%d.", rtol, atol,
                maxSteps));
        }
        m_rtol = rtol;
        m_atol = atol;
        m_maxSteps = maxSteps;
    }

    /** @return rtol = atol = 10⁻⁵, at most 10,000 steps */
    public static Dopri5Solver defaults() {
        return new Dopri5Solver(1e-5, 1e-5, 10_000);
    }

    @Override
    public Solution integrate(final VectorField field, final NDArray x0, final TimeGrid grid,
        final SolveOptions options) {
        if (options.noise() != null) {
            throw new IllegalArgumentException(options.noise().describe() + " needs a fixed-step solver (Euler, Heun,"
                + " midpoint, RK4), not dopri5.");
        }
        NDManager outer = x0.getManager();
        var times = grid.times();
        var trajectory = new Trajectory(options, grid);
        NDArray x = x0.duplicate();
        trajectory.record(x);
        NDArray k1 = field.velocity(x, times[0]);
        int nfe = 1;
        double t = times[0];
        double h = initialStep(field, x, k1, t, times[times.length - 1] - t);
        nfe++;
        int accepted = 0;
        int rejected = 0;
        for (int g = 1; g < times.length; g++) {
            while (t < times[g]) {
                if (accepted + rejected >= m_maxSteps) {
                    x.close();
                    k1.close();
                    throw new IllegalStateException(String.format(Locale.ROOT,
                        "Dopri5 reached its maximum of %d steps at t=%.6f (step %.3g) without meeting rtol=%g,"
                            + " atol=%g; raise the maximum or the tolerances, or use a fixed-step solver.",
                        m_maxSteps, t, h, m_rtol, m_atol));
                }
                double step = Math.min(h, times[g] - t);
                boolean last = t + step >= times[g] || times[g] - (t + step) < 1e-12;
                if (last) {
                    step = times[g] - t;
                }
                double err;
                NDArray xNew;
                NDArray kNew;
                try (NDManager scope = outer.newSubManager()) {
                    x.tempAttach(scope);
                    k1.tempAttach(scope);
                    var k = TABLEAU.stages(field, x, t, step, k1);
                    nfe += TABLEAU.stages() - 1;
                    xNew = ButcherTableau.combine(x, step, TABLEAU.b(), k.subList(0, 6));
                    kNew = k.get(6); // evaluated at (x_new, t + step): FSAL
                    err = errorNorm(ButcherTableau.combine(x.zerosLike(), step, ERROR, k), x, xNew);
                    if (err <= 1) {
                        xNew.attach(outer);
                        kNew.attach(outer);
                    }
                }
                if (err <= 1) {
                    x.close();
                    k1.close();
                    x = xNew;
                    k1 = kNew;
                    t = last ? times[g] : t + step;
                    accepted++;
                    if (options.listener() != null) {
                        options.listener().stepped(t, nfe);
                    }
                } else {
                    rejected++;
                }
                double factor = err == 0 ? 10 : Math.min(10, Math.max(0.2, 0.9 * Math.pow(err, -0.2)));
                // a step clipped to reach a grid time says little about the next one: do not let it shrink h
                h = last && err <= 1 ? Math.max(h, step * factor) : step * factor;
            }
            trajectory.record(x);
        }
        k1.close();
        return trajectory.solution(x, nfe, accepted, rejected);
    }

    /** max over samples of RMS(err / (atol + rtol·max(|x|, |y|))). */
    private double errorNorm(final NDArray err, final NDArray x, final NDArray y) {
        var scale = x.abs().maximum(y.abs()).mul(m_rtol).add(m_atol);
        return perSampleRmsMax(err.div(scale));
    }

    private static double perSampleRmsMax(final NDArray ratio) {
        long b = ratio.getShape().get(0);
        var rms = ratio.reshape(b, -1).square().mean(new int[]{1}).sqrt().max();
        return rms.toType(DataType.FLOAT64, false).getDouble();
    }

    private double initialStep(final VectorField field, final NDArray x, final NDArray f0, final double t,
        final double span) {
        try (NDManager scope = x.getManager().newSubManager()) {
            x.tempAttach(scope);
            f0.tempAttach(scope);
            var scale = x.abs().mul(m_rtol).add(m_atol);
            double d0 = perSampleRmsMax(x.div(scale));
            double d1 = perSampleRmsMax(f0.div(scale));
            double h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : 0.01 * d0 / d1;
            h0 = Math.min(h0, span);
            var f1 = field.velocity(x.add(f0.mul(h0)), t + h0);
            double d2 = perSampleRmsMax(f1.sub(f0).div(scale)) / h0;
            double h1 = Math.max(d1, d2) <= 1e-15 ? Math.max(1e-6, h0 * 1e-3) : Math.pow(0.01 / Math.max(d1, d2), 0.2);
            return Math.min(Math.min(100 * h0, h1), span);
        }
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "dopri5(rtol=%g,atol=%g,max_steps=%d)", m_rtol, m_atol, m_maxSteps);
    }
}
