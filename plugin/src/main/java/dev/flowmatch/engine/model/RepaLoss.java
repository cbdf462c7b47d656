package dev.flowmatch.engine.model;

import java.util.Locale;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.flowmatch.engine.compute.Nn;
import dev.flowmatch.engine.flow.PerSample;

/**
 * REPA's alignment term between projected hidden states and the frozen encoder's embedding of the clean
 * molecule: negative cosine similarity (the paper's default) or mean squared error, averaged over the
 * samples whose t lies in the window [tMin, tMax] (others contribute nothing). Molecule-level targets
 * [B, E] are compared with the projection pooled over real atoms; atom-level targets [B, N, E] atom by atom.
 */
public final class RepaLoss {

    /** The alignment measure. */
    public enum Kind {
        NEGATIVE_COSINE("Negative cosine similarity"), MSE("Mean squared error (MSE)");

        private final String m_label;

        Kind(final String label) {
            m_label = label;
        }

        /** @return the name users see (dialogs, messages) */
        public String label() {
            return m_label;
        }
    }

    /**
     * @param loss scalar to add (times λ) to the flow-matching loss; zero when no sample is in the window
     * @param cosine mean cosine similarity over the samples in the window (NaN when none)
     * @param inWindow number of samples in the window
     */
    public record Result(NDArray loss, double cosine, int inWindow) {
    }

    private static final float EPS = 1e-8f;

    private final Kind m_kind;

    private final double m_tMin;

    private final double m_tMax;

    public RepaLoss(final Kind kind, final double tMin, final double tMax) {
        if (kind == null) {
            throw new IllegalArgumentException("REPA loss: the alignment measure must be set.");
        }
        if (!(tMin >= 0 && tMax <= 1 && tMin <= tMax)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                "REPA time window must satisfy 0 ≤ t_min ≤ t_max ≤ 1, got [%g, %g].", tMin, tMax));
        }
        m_kind = kind;
        m_tMin = tMin;
        m_tMax = tMax;
    }

    /** @return whether REPA applies at time t */
    public boolean inWindow(final double t) {
        return t >= m_tMin && t <= m_tMax;
    }

    /**
     * @param projected the projector's output [B, N, E]
     * @param target encoder embeddings [B, E] or [B, N, E]
     * @param mask [B, N]
     * @param t one time per sample
     */
    public Result compute(final NDArray projected, final NDArray target, final NDArray mask, final double[] t) {
        var s = projected.getShape();
        boolean atomLevel = target.getShape().dimension() == 3;
        var expected = atomLevel ? s : new Shape(s.get(0), s.get(2));
        if (!target.getShape().equals(expected)) {
            throw new IllegalArgumentException(
                "REPA targets must be " + expected + " for projections " + s + ", got " + target.getShape() + ".");
        }
        var window = new double[t.length];
        int count = 0;
        for (int i = 0; i < t.length; i++) {
            if (inWindow(t[i])) {
                window[i] = 1;
                count++;
            }
        }
        var w = PerSample.of(window, projected, new Shape(t.length));
        NDArray cos;
        NDArray err;
        if (atomLevel) { // per atom, then the mean over real atoms: [B]
            cos = Nn.meanOverAtoms(cosine(projected, target, 2), mask);
            err = m_kind == Kind.MSE ? Nn.meanOverAtoms(projected.sub(target).square().mean(new int[]{2}), mask) : null;
        } else {
            var pooled = Nn.maskedMean(projected, mask);
            cos = cosine(pooled, target, 1);
            err = m_kind == Kind.MSE ? pooled.sub(target).square().mean(new int[]{1}) : null;
        }
        double meanCos = Double.NaN;
        if (count > 0) {
            var c = cos.mul(w).sum().toType(DataType.FLOAT64, false).getDouble();
            meanCos = c / count;
        }
        var perSample = m_kind == Kind.NEGATIVE_COSINE ? cos.neg() : err;
        var loss = Nn.scale(perSample.mul(w).sum(), 1.0 / Math.max(1, count)); // native scalar: see Nn
        return new Result(loss, meanCos, count);
    }

    private static NDArray cosine(final NDArray a, final NDArray b, final int axis) {
        var dot = a.mul(b).sum(new int[]{axis});
        // ε² under the root: √ has an infinite slope at 0, so a zero projection would make the gradient NaN
        var na = a.square().sum(new int[]{axis}).add(EPS * EPS).sqrt();
        var nb = b.square().sum(new int[]{axis}).sqrt();
        return dot.div(na.mul(nb).add(EPS));
    }
}
