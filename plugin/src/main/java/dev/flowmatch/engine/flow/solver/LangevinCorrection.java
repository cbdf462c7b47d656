package dev.flowmatch.engine.flow.solver;

import java.util.Locale;
import java.util.Random;

import ai.djl.ndarray.NDArray;
import dev.flowmatch.engine.flow.GaussianPrior;
import dev.flowmatch.engine.flow.PerSample;
import dev.flowmatch.engine.flow.VectorField;
import dev.flowmatch.engine.flow.path.AffinePath;
import dev.flowmatch.engine.flow.path.Parametrization;

/**
 * Small stochastic corrections during sampling, in the spirit of TABASCO's noisy sampler: after a solver step
 * ending at t inside [tStart, tEnd) (tEnd ≤ 1), one Langevin step on p_t,
 *
 * <pre>
 * x ← x + ε·∇log p_t(x) + √(2ε)·ξ,   ε = strength·h·σ_t²,
 * </pre>
 *
 * with the score recovered exactly from the field's velocity through the path. Langevin dynamics leaves
 * p_t invariant, so with an exact field the corrections do not bias the samples; with a learned field
 * they pull samples back toward regions where the field is reliable. Scaling by σ_t² keeps the step
 * stable as the score grows like 1/σ_t² near the data. Costs one extra field evaluation per corrected step.
 */
public final class LangevinCorrection implements StepCorrection {

    private final AffinePath m_path;

    private final double m_tStart;

    private final double m_tEnd;

    private final double m_strength;

    private final GaussianPrior m_prior;

    private final NDArray m_mask;

    private final Random m_rng;

    /**
     * @param tStart first time at which to correct, in [0, 1)
     * @param strength step scale g ≥ 0 (0 turns corrections off)
     * @param prior draws the noise ξ (centred or not, as the sampling prior)
     * @param mask [B, N] for point clouds (noise only on real atoms), or null for unmasked states
     */
    public LangevinCorrection(final AffinePath path, final double tStart, final double strength,
        final GaussianPrior prior, final NDArray mask, final Random rng) {
        this(path, tStart, 1, strength, prior, mask, rng);
    }

    /** @param tEnd corrections stop here (TABASCO corrects until about t = 0.9 and integrates the rest plainly) */
    public LangevinCorrection(final AffinePath path, final double tStart, final double tEnd, final double strength,
        final GaussianPrior prior, final NDArray mask, final Random rng) {
        if (!(tStart >= 0 && tStart < tEnd && tEnd <= 1) || !(strength >= 0) || Double.isInfinite(strength)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "Langevin correction needs 0 ≤ t_start <"
                + " t_end ≤ 1 and strength ≥ 0, got t_start=%g t_end=%g strength=%g.", tStart, tEnd, strength));
        }
        m_path = path;
        m_tStart = tStart;
        m_tEnd = tEnd;
        m_strength = strength;
        m_prior = prior;
        m_mask = mask;
        m_rng = rng;
    }

    @Override
    public boolean appliesAt(final double t) {
        return m_strength > 0 && t >= m_tStart && t < m_tEnd && t < 1 && m_path.scheduler().at(t).sigma() > 0;
    }

    @Override
    public NDArray apply(final VectorField field, final NDArray x, final double t, final double h) {
        double sigma = m_path.scheduler().at(t).sigma();
        double eps = m_strength * h * sigma * sigma;
        var tt = PerSample.constant((int)x.getShape().get(0), t);
        var v = field.velocity(x, t);
        var score = m_path.score(v, Parametrization.VELOCITY, x, tt);
        var xi = m_prior.sample(x.getManager(), x.getShape(), x.getDataType(), m_rng);
        if (m_mask != null) {
            xi = m_prior.restrict(xi, m_mask);
        }
        return x.add(score.mul(eps)).add(xi.mul(Math.sqrt(2 * eps)));
    }

    @Override
    public int evaluations() {
        return 1;
    }

    @Override
    public String describe() {
        return toString();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "langevin(t_start=%g,t_end=%g,strength=%g)", m_tStart, m_tEnd, m_strength);
    }
}
