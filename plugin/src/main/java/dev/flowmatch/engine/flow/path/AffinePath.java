package dev.flowmatch.engine.flow.path;

import java.util.Locale;

import ai.djl.ndarray.NDArray;
import dev.flowmatch.engine.flow.PerSample;

/**
 * Affine conditional probability path x_t = α_t·x1 + σ_t·x0 for a {@link Scheduler}, on batches
 * [B, ...] with one time per sample. Conversions between parametrizations are exact (closed form per
 * sample), so a network trained for one target can drive a sampler that needs another.
 */
public final class AffinePath {

    private final Scheduler m_scheduler;

    public AffinePath(final Scheduler scheduler) {
        m_scheduler = scheduler;
    }

    public Scheduler scheduler() {
        return m_scheduler;
    }

    /**
     * @param x0 noise [B, ...]
     * @param x1 data, same shape
     * @param t one time in [0, 1] per sample
     */
    public PathSample sample(final NDArray x0, final NDArray x1, final double[] t) {
        PerSample.requireSameShape(x0, x1, "Path sample (noise x0 vs data x1)");
        int b = t.length;
        var a = new double[b];
        var s = new double[b];
        var da = new double[b];
        var ds = new double[b];
        for (int i = 0; i < b; i++) {
            var c = m_scheduler.at(t[i]);
            a[i] = c.alpha();
            s[i] = c.sigma();
            da[i] = c.dAlpha();
            ds[i] = c.dSigma();
        }
        var xt = x1.mul(PerSample.column(a, x1)).add(x0.mul(PerSample.column(s, x1)));
        var dxt = x1.mul(PerSample.column(da, x1)).add(x0.mul(PerSample.column(ds, x1)));
        return new PathSample(t.clone(), x0, x1, xt, dxt);
    }

    /**
     * Converts a prediction at x_t from one parametrization to another.
     *
     * @throws IllegalArgumentException for a sample where the conversion is undefined (e.g. noise to
     *             data at t = 0, where α = 0)
     */
    public NDArray convert(final NDArray value, final Parametrization from, final Parametrization to,
        final NDArray xt, final double[] t) {
        PerSample.requireSameShape(value, xt, "Parametrization conversion (prediction vs x_t)");
        if (from == to) {
            return value.duplicate();
        }
        int b = t.length;
        var cx = new double[b];
        var cv = new double[b];
        for (int i = 0; i < b; i++) {
            var c = m_scheduler.at(t[i]);
            var in = from.weights(c);
            var out = to.weights(c);
            double[] k = combination(c, in, out, from + " to " + to, t[i]);
            cx[i] = k[0];
            cv[i] = k[1];
        }
        return xt.mul(PerSample.column(cx, xt)).add(value.mul(PerSample.column(cv, xt)));
    }

    /**
     * @return the score ∇log p_t(x_t) = −x0/σ_t implied by a prediction (exact for the marginal when the
     *         prediction is the marginal one); needs σ_t &gt; 0
     */
    public NDArray score(final NDArray value, final Parametrization from, final NDArray xt, final double[] t) {
        PerSample.requireSameShape(value, xt, "Score (prediction vs x_t)");
        int b = t.length;
        var cx = new double[b];
        var cv = new double[b];
        for (int i = 0; i < b; i++) {
            var c = m_scheduler.at(t[i]);
            if (!(c.sigma() > 0)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The score is undefined at t=%g, where σ_t = 0 (%s).", t[i], m_scheduler.describe()));
            }
            double[] k = combination(c, from.weights(c), new double[]{0, -1 / c.sigma()}, from + " to score", t[i]);
            cx[i] = k[0];
            cv[i] = k[1];
        }
        return xt.mul(PerSample.column(cx, xt)).add(value.mul(PerSample.column(cv, xt)));
    }

    /**
     * x_t = α·x1 + σ·x0 and value = p·x1 + q·x0 solve for x1, x0; the wanted p'·x1 + q'·x0 is then
     * [(p'q − q'p)·x_t + (q'α − p'σ)·value] / (αq − σp).
     */
    private double[] combination(final Scheduler.Coefficients c, final double[] in, final double[] out,
        final String what, final double t) {
        double det = c.alpha() * in[1] - c.sigma() * in[0];
        if (Math.abs(det) < 1e-12 || !Double.isFinite(det)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                "Cannot convert %s at t=%g with %s: the prediction does not determine x_t's data and noise there.",
                what, t, m_scheduler.describe()));
        }
        return new double[]{(out[0] * in[1] - out[1] * in[0]) / det,
            (out[1] * c.alpha() - out[0] * c.sigma()) / det};
    }
}
