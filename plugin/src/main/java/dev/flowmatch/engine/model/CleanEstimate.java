package dev.flowmatch.engine.model;

import ai.djl.ndarray.NDArray;
import dev.flowmatch.engine.flow.path.AffinePath;
import dev.flowmatch.engine.flow.path.Parametrization;

/**
 * The network's estimate of the clean state x1 from one prediction, in the state's layout [B, N, 3+K]: what a
 * self-conditioned network reads on its next evaluation. Coordinates are the prediction converted to the data
 * parametrization through the path; types are typeScale·softmax of the logits (cross-entropy heads and
 * discrete type flow) or the type channels converted like the coordinates (squared-error heads).
 */
public final class CleanEstimate {

    private CleanEstimate() {
    }

    /**
     * @param xt the state the prediction was made at
     * @param t its times, one per sample
     * @return the estimate, without gradient (the network must not learn through its own input)
     */
    public static NDArray of(final VelocityTransformer.Prediction p, final AffinePath path,
        final Parametrization parametrization, final FlowLoss.TypeLoss typeLoss, final double typeScale,
        final NDArray xt, final double[] t) {
        var coords = path.convert(p.coords(), parametrization, Parametrization.DATA, StateLayout.coords(xt), t);
        var types = typeLoss == FlowLoss.TypeLoss.CROSS_ENTROPY ? p.typeLogits().softmax(2).mul((float)typeScale)
            : path.convert(p.typeLogits(), parametrization, Parametrization.DATA, StateLayout.types(xt), t);
        return coords.concat(types, 2).stopGradient();
    }
}
