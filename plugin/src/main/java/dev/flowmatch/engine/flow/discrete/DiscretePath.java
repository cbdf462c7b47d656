package dev.flowmatch.engine.flow.discrete;

import java.util.Locale;
import java.util.Random;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.flowmatch.engine.flow.HostArrays;
import dev.flowmatch.engine.flow.path.Scheduler;

/**
 * Discrete flow matching for atom types (Campbell et al. 2024, Gat et al. 2024) with the mixture path
 * p_t(x | x1) = κ_t·δ(x1) + (1 − κ_t)·p_noise, κ_t = α_t of a scheduler: each atom keeps its data type
 * with probability κ_t, else it shows noise — a uniformly random type, or a separate mask token (index K).
 *
 * <p>Sampling runs the continuous-time Markov chain whose marginal rates are
 * u_t(y | x) = κ̇_t/(1 − κ_t)·[p_{1|t}(y | x) − δ_x(y)], with p_{1|t} the network's posterior over clean
 * types; its Euler step resamples each atom from the posterior with probability h·κ̇_t/(1 − κ_t).
 */
public final class DiscretePath {

    /** The source distribution of atom types. */
    public enum Noise {
        /** Uniform over the K types. */
        UNIFORM,
        /** Everything starts as an extra mask token (index K); the network sees K + 1 tokens. */
        MASK
    }

    private final Scheduler m_kappa;

    private final int m_classes;

    private final Noise m_noise;

    public DiscretePath(final Scheduler kappa, final int classes, final Noise noise) {
        if (classes < 1) {
            throw new IllegalArgumentException("Discrete path needs at least one class, got " + classes + ".");
        }
        m_kappa = kappa;
        m_classes = classes;
        m_noise = noise;
    }

    public int classes() {
        return m_classes;
    }

    public Noise noise() {
        return m_noise;
    }

    /** @return K + 1 for masking noise (the mask token is index K), else K */
    public int tokens() {
        return m_noise == Noise.MASK ? m_classes + 1 : m_classes;
    }

    /** @return source types [B, N] int32: all mask, or uniform (padded atoms 0) */
    public NDArray sampleNoise(final NDArray mask, final Random rng) {
        var m = HostArrays.floats(mask);
        var out = new int[m.length];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i] < 0.5f ? 0 : noiseToken(rng);
        }
        return mask.getManager().create(out, mask.getShape());
    }

    private int noiseToken(final Random rng) {
        return m_noise == Noise.MASK ? m_classes : rng.nextInt(m_classes);
    }

    /**
     * @param x1 clean types [B, N]
     * @param mask [B, N]
     * @param t one time per sample
     * @return x_t [B, N] int32
     */
    public NDArray sample(final NDArray x1, final NDArray mask, final double[] t, final Random rng) {
        var s = x1.getShape();
        checkShapes(s, mask, t.length);
        int n = (int)s.get(1);
        var types = HostArrays.ints(x1);
        var m = HostArrays.floats(mask);
        var out = new int[types.length];
        for (int i = 0; i < types.length; i++) {
            if (m[i] < 0.5f) {
                continue;
            }
            double kappa = m_kappa.at(t[i / n]).alpha();
            out[i] = rng.nextDouble() < kappa ? types[i] : noiseToken(rng);
        }
        return x1.getManager().create(out, s);
    }

    /**
     * One Euler step of the sampling chain from t to t + h.
     *
     * @param xt current types [B, N]
     * @param posterior p_{1|t} over the K clean types [B, N, K] (rows sum to 1)
     * @return types at t + h [B, N] int32
     */
    public NDArray step(final NDArray xt, final NDArray posterior, final NDArray mask, final double t, final double h,
        final Random rng) {
        var s = xt.getShape();
        checkShapes(s, mask, (int)s.get(0));
        if (!posterior.getShape().equals(new Shape(s.get(0), s.get(1), m_classes))) {
            throw new IllegalArgumentException(
                "Posterior must be [B, N, " + m_classes + "] for types " + s + ", got " + posterior.getShape() + ".");
        }
        var c = m_kappa.at(t);
        double lambda = c.alpha() >= 1 ? 1 : Math.min(1, h * c.dAlpha() / (1 - c.alpha()));
        if (!(lambda >= 0)) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                "Jump probability %g at t=%g is not a probability; κ must increase (%s).", lambda, t,
                m_kappa.describe()));
        }
        var types = HostArrays.ints(xt);
        var m = HostArrays.floats(mask);
        var p = HostArrays.floats(posterior);
        var out = types.clone();
        for (int i = 0; i < types.length; i++) {
            if (m[i] >= 0.5f && rng.nextDouble() < lambda) {
                out[i] = draw(p, i * m_classes, rng);
            }
        }
        return xt.getManager().create(out, s);
    }

    private int draw(final float[] p, final int offset, final Random rng) {
        double u = rng.nextDouble();
        double total = 0;
        for (int k = 0; k < m_classes; k++) {
            total += p[offset + k];
        }
        double acc = 0;
        for (int k = 0; k < m_classes; k++) {
            acc += p[offset + k] / total;
            if (u < acc) {
                return k;
            }
        }
        return m_classes - 1;
    }

    private static void checkShapes(final Shape s, final NDArray mask, final int batch) {
        if (s.dimension() != 2 || !mask.getShape().equals(s) || s.get(0) != batch) {
            throw new IllegalArgumentException(
                "Expected types and mask [B, N] with B = " + batch + ", got " + s + " and " + mask.getShape() + ".");
        }
    }

    @Override
    public String toString() {
        return "DiscretePath[" + m_classes + " classes, " + m_noise + ", kappa " + m_kappa.describe() + "]";
    }
}
