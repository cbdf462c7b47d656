package dev.flowmatch.engine.encoder;

import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import dev.flowmatch.engine.compute.Nn;

/**
 * SchNet (Schütt et al. 2018) on dense padded point sets: atoms interact through continuous filters, learned
 * functions of a Gaussian expansion of their distance, smoothly cut off at the cutoff radius. It sees only
 * distances, so it is invariant to rotation and translation; sums over neighbours make it invariant to the
 * order of atoms. Atom vectors pass a final atom-wise MLP; the molecule vector is their mean.
 *
 * <p>Inputs: species features [B, N, S], coordinates [B, N, 3] (Å), mask [B, N]. Outputs: molecule vectors
 * [B, F], atom vectors [B, N, F] (zero on padding).
 */
public final class ContinuousFilterNetwork extends AbstractBlock {

    private static final byte VERSION = 1;

    private static final float LOG2 = (float)Math.log(2);

    private final EncoderArchitecture m_architecture;

    private final Linear m_embedding;

    private final List<Linear[]> m_interactions = new ArrayList<>();

    private final Linear m_out1;

    private final Linear m_out2;

    public ContinuousFilterNetwork(final EncoderArchitecture architecture) {
        super(VERSION);
        m_architecture = architecture;
        int f = architecture.width();
        m_embedding = addChildBlock("embedding", Linear.builder().setUnits(f).optBias(false).build());
        for (int i = 0; i < architecture.depth(); i++) {
            var p = "interaction" + (i + 1) + "_";
            m_interactions.add(new Linear[] {addChildBlock(p + "filter1", Linear.builder().setUnits(f).build()),
                addChildBlock(p + "filter2", Linear.builder().setUnits(f).build()),
                addChildBlock(p + "in", Linear.builder().setUnits(f).optBias(false).build()),
                addChildBlock(p + "out1", Linear.builder().setUnits(f).build()),
                addChildBlock(p + "out2", Linear.builder().setUnits(f).build())});
        }
        m_out1 = addChildBlock("atomwise1", Linear.builder().setUnits(f).build());
        m_out2 = addChildBlock("atomwise2", Linear.builder().setUnits(f).build());
    }

    @Override
    protected void initializeChildBlocks(final NDManager manager, final DataType dataType, final Shape... inputShapes) {
        long b = inputShapes[0].get(0);
        long n = inputShapes[0].get(1);
        int f = m_architecture.width();
        var atoms = new Shape(b, n, f);
        m_embedding.initialize(manager, dataType, inputShapes[0]);
        for (var layer : m_interactions) {
            layer[0].initialize(manager, dataType, new Shape(b, n, n, m_architecture.radialBasis()));
            layer[1].initialize(manager, dataType, new Shape(b, n, n, f));
            for (int k = 2; k < 5; k++) {
                layer[k].initialize(manager, dataType, atoms);
            }
        }
        m_out1.initialize(manager, dataType, atoms);
        m_out2.initialize(manager, dataType, atoms);
    }

    @Override
    public Shape[] getOutputShapes(final Shape[] inputShapes) {
        long b = inputShapes[0].get(0);
        long n = inputShapes[0].get(1);
        return new Shape[] {new Shape(b, m_architecture.width()), new Shape(b, n, m_architecture.width())};
    }

    @Override
    protected NDList forwardInternal(final ParameterStore ps, final NDList inputs, final boolean training,
        final PairList<String, Object> params) {
        var species = inputs.get(0);
        var coords = inputs.get(1);
        var mask = inputs.get(2);
        var distance = coords.expandDims(2).sub(coords.expandDims(1)).square().sum(new int[] {3}).add(1e-12f).sqrt();
        var rbf = radialBasis(distance);
        var envelope = envelope(distance, mask).expandDims(3);
        var x = m_embedding.forward(ps, new NDList(species), training).head();
        for (var layer : m_interactions) {
            var filter = forward(layer[1], ps, ssp(forward(layer[0], ps, rbf, training)), training).mul(envelope);
            var neighbours = forward(layer[2], ps, x, training).expandDims(1); // x_j on axis 2
            var v = filter.mul(neighbours).sum(new int[] {2});
            x = x.add(forward(layer[4], ps, ssp(forward(layer[3], ps, v, training)), training));
        }
        var m = mask.expandDims(2);
        var atomVectors = forward(m_out2, ps, ssp(forward(m_out1, ps, x, training)), training).mul(m);
        return new NDList(Nn.maskedMean(atomVectors, mask), atomVectors);
    }

    /** Gaussians exp(−γ(d − μ_k)²) with centres μ_k evenly from 0 to the cutoff and γ = 1/(2Δμ²). */
    private NDArray radialBasis(final NDArray distance) {
        int k = m_architecture.radialBasis();
        double spacing = m_architecture.cutoff() / (k - 1);
        var centres = distance.getManager().arange(0f, (float)k).mul((float)spacing);
        float gamma = (float)(0.5 / (spacing * spacing));
        return distance.expandDims(3).sub(centres).square().mul(-gamma).exp();
    }

    /** Cosine cutoff ½(cos(πd/r_c) + 1) inside the cutoff, 0 outside, on the diagonal and on padding. */
    private NDArray envelope(final NDArray distance, final NDArray mask) {
        float cutoff = (float)m_architecture.cutoff();
        var inside = distance.lt(cutoff).toType(distance.getDataType(), false);
        var cosine = distance.mul((float)Math.PI / cutoff).cos().add(1f).mul(0.5f);
        long n = distance.getShape().get(1);
        var offDiagonal = distance.getManager().eye((int)n).neg().add(1f).toType(distance.getDataType(), false);
        var pairs = mask.expandDims(2).mul(mask.expandDims(1)).mul(offDiagonal);
        return cosine.mul(inside).mul(pairs);
    }

    /** Shifted softplus, ln(1 + eˣ) − ln 2: smooth, and zero at zero. */
    private static NDArray ssp(final NDArray x) {
        return Activation.softPlus(x).sub(LOG2);
    }

    private static NDArray forward(final Linear layer, final ParameterStore ps, final NDArray x,
        final boolean training) {
        return layer.forward(ps, new NDList(x), training).head();
    }
}
