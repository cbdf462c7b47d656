package dev.flowmatch.engine.model;

import java.util.Locale;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.flowmatch.engine.compute.Nn;
import dev.flowmatch.engine.flow.PerSample;
import dev.flowmatch.engine.flow.discrete.OneHot;
import dev.flowmatch.engine.flow.path.Parametrization;
import dev.flowmatch.engine.flow.path.PathSample;
import dev.flowmatch.engine.flow.path.TimeFactor;

/**
 * The conditional flow-matching loss on a batch of path samples: coordinates as a squared error against
 * the target of the chosen parametrization, weighted per sample by the time factor, averaged over real
 * atoms; atom types either as cross-entropy of the type logits against the clean type (the head predicts
 * the data, as for discrete flows) or, with {@link TypeLoss#MSE}, as a squared error on the continuous
 * one-hot channels in the same parametrization as the coordinates. Padded atoms never contribute.
 */
public final class FlowLoss {

    /** How the type head is trained (and so how it is read at sampling time). */
    public enum TypeLoss {
        /** Logits of the clean type; the sampler uses typeScale·softmax as the data prediction. */
        CROSS_ENTROPY,
        /** The type channels themselves, in the coordinates' parametrization. */
        MSE
    }

    /**
     * @param total weighted sum (what is minimised)
     * @param coords coordinate part
     * @param types type part
     */
    public record Parts(NDArray total, NDArray coords, NDArray types) {
    }

    private final Parametrization m_parametrization;

    private final TimeFactor m_timeFactor;

    private final TypeLoss m_typeLoss;

    private final double m_coordWeight;

    private final double m_typeWeight;

    public FlowLoss(final Parametrization parametrization, final TimeFactor timeFactor, final TypeLoss typeLoss,
        final double coordWeight, final double typeWeight) {
        if (!(coordWeight >= 0) || !(typeWeight >= 0) || coordWeight + typeWeight == 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                "Loss weights must be non-negative and not both zero, got coordinates %g, types %g.", coordWeight,
                typeWeight));
        }
        m_parametrization = parametrization;
        m_timeFactor = timeFactor;
        m_typeLoss = typeLoss;
        m_coordWeight = coordWeight;
        m_typeWeight = typeWeight;
    }

    /**
     * @param prediction the network's output at sample.xt()
     * @param sample the path sample (state [B, N, 3+K])
     * @param types clean atom types [B, N] int32
     * @param mask [B, N], 1 for real atoms
     */
    public Parts compute(final VelocityTransformer.Prediction prediction, final PathSample sample, final NDArray types,
        final NDArray mask) {
        var target = sample.target(m_parametrization);
        var weights = PerSample.of(m_timeFactor.weights(sample.t()), mask, new Shape(sample.t().length));
        var coordError = prediction.coords().sub(StateLayout.coords(target)).square().sum(new int[]{2});
        var coordLoss = Nn.scale(Nn.meanOverAtoms(coordError, mask), 1.0 / 3).mul(weights).mean();
        NDArray typeLoss;
        int k = (int)prediction.typeLogits().getShape().get(2);
        if (m_typeLoss == TypeLoss.CROSS_ENTROPY) {
            var hot = OneHot.encode(types, mask, k, 1);
            var nll = prediction.typeLogits().logSoftmax(2).mul(hot).sum(new int[]{2}).neg();
            typeLoss = Nn.meanOverAtoms(nll, mask).mean();
        } else {
            var typeError = prediction.typeLogits().sub(StateLayout.types(target)).square().sum(new int[]{2});
            typeLoss = Nn.scale(Nn.meanOverAtoms(typeError, mask), 1.0 / k).mul(weights).mean();
        }
        // the weights as native scalars of the losses' type (Nn.scale): autograd keeps them for the backward pass
        var total = Nn.scale(coordLoss, m_coordWeight).add(Nn.scale(typeLoss, m_typeWeight));
        return new Parts(total, coordLoss, typeLoss);
    }
}
