package dev.flowmatch.engine.train;

import dev.flowmatch.engine.model.RepaLoss;

/**
 * REPA settings: λ·alignment between a projector of block {@code layer}'s hidden states and the frozen
 * encoder's embedding of the clean molecule, for training times in [tMin, tMax]. λ = 0 switches REPA off
 * entirely: no projector, no targets, no extra computation.
 *
 * @param lambda weight λ ≥ 0
 * @param layer block k (1-based) whose output is aligned
 * @param loss alignment measure
 * @param tMin window start
 * @param tMax window end
 * @param projectorHidden hidden size of the projector MLP
 */
public record RepaConfig(double lambda, int layer, RepaLoss.Kind loss, double tMin, double tMax, int projectorHidden) {

    public RepaConfig {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("REPA λ must be a finite number ≥ 0, got " + lambda + ".");
        }
        if (layer < 1) {
            throw new IllegalArgumentException("REPA layer must be ≥ 1 (blocks are counted from 1), got " + layer + ".");
        }
        new RepaLoss(loss, tMin, tMax); // validates the measure and the time window
        if (projectorHidden < 1) {
            throw new IllegalArgumentException("REPA projector hidden size must be ≥ 1, got " + projectorHidden + ".");
        }
    }

    /** @return the alignment loss these settings describe */
    public RepaLoss lossFunction() {
        return new RepaLoss(loss, tMin, tMax);
    }

    /** @return REPA off */
    public static RepaConfig off() {
        return new RepaConfig(0, 2, RepaLoss.Kind.NEGATIVE_COSINE, 0, 1, 256);
    }

    /** @return λ at block k, negative cosine, all t, projector hidden 256 */
    public static RepaConfig of(final double lambda, final int layer) {
        return new RepaConfig(lambda, layer, RepaLoss.Kind.NEGATIVE_COSINE, 0, 1, 256);
    }

    public RepaConfig withWindow(final double lo, final double hi) {
        return new RepaConfig(lambda, layer, loss, lo, hi, projectorHidden);
    }

    public boolean enabled() {
        return lambda > 0;
    }
}
