package dev.flowmatch.engine.model;

import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import dev.flowmatch.engine.compute.Nn;

/**
 * What the velocity network learns from interatomic distances (Uni-Mol and Graphormer-3D in spirit): the
 * current distances d_ij in Å, expanded in {@link RadialBasis} functions and embedded by a linear map and SiLU
 * into pair features p_ij; with the distance bias on, each block gets one attention bias per head from p_ij and
 * each token the mean of its pair features over the real atoms. The pair features also feed the relative
 * coordinate head. Distances and radial features are rotation- and translation-invariant, so everything built
 * from them is too.
 *
 * <p>With self-conditioning the radial features of the network's previous estimate of the clean molecule join
 * those of the current distances (one embedding of both), so attention sees where bonds are heading.
 *
 * <p>{@link #forward} inputs: coordinates [B, N, 3] (state units), mask [B, N], and with self-conditioning the
 * estimate's coordinates [B, N, 3]; outputs: pair features
 * [B, N, N, P], relative vectors x_i − x_j [B, N, N, 3] (state units), then (with the bias) the token addition
 * [B, N, d] and one additive attention bias [B, H, N, N] per block.
 */
final class PairFeatures extends AbstractBlock {

    private static final byte VERSION = 1;

    /** Width of the pair features. */
    static final int PAIR_WIDTH = 32;

    private final double m_angstromPerUnit;

    private final boolean m_bias;

    private final int m_width;

    private final int m_heads;

    private final Linear m_embed;

    private final Linear m_token;

    private final List<Linear> m_blockBias = new ArrayList<>();

    private final boolean m_selfConditioning;

    PairFeatures(final Geometry geometry, final int width, final int heads, final int depth,
        final boolean selfConditioning) {
        super(VERSION);
        m_selfConditioning = selfConditioning;
        m_angstromPerUnit = geometry.angstromPerUnit();
        m_bias = geometry.distanceBias();
        m_width = width;
        m_heads = heads;
        m_embed = addChildBlock("embed", Linear.builder().setUnits(PAIR_WIDTH).build());
        m_token = m_bias ? addChildBlock("token", Linear.builder().setUnits(width).build()) : null;
        for (int i = 0; m_bias && i < depth; i++) {
            m_blockBias.add(addChildBlock("bias" + (i + 1), Linear.builder().setUnits(heads).build()));
        }
    }

    @Override
    protected void initializeChildBlocks(final NDManager manager, final DataType dataType, final Shape... inputShapes) {
        var c = inputShapes[0];
        long b = c.get(0);
        long n = c.get(1);
        m_embed.initialize(manager, dataType, new Shape(b, n, n, RadialBasis.SIZE * (m_selfConditioning ? 2 : 1)));
        var pairs = new Shape(b, n, n, PAIR_WIDTH);
        if (m_token != null) {
            m_token.initialize(manager, dataType, new Shape(b, n, PAIR_WIDTH));
        }
        for (var l : m_blockBias) {
            l.initialize(manager, dataType, pairs);
        }
    }

    @Override
    public Shape[] getOutputShapes(final Shape[] inputShapes) {
        var c = inputShapes[0];
        long b = c.get(0);
        long n = c.get(1);
        var out = new ArrayList<Shape>(List.of(new Shape(b, n, n, PAIR_WIDTH), new Shape(b, n, n, 3)));
        if (m_bias) {
            out.add(new Shape(b, n, m_width));
            for (int i = 0; i < m_blockBias.size(); i++) {
                out.add(new Shape(b, m_heads, n, n));
            }
        }
        return out.toArray(Shape[]::new);
    }

    @Override
    protected NDList forwardInternal(final ParameterStore ps, final NDList inputs, final boolean training,
        final PairList<String, Object> params) {
        var coords = inputs.get(0);
        var mask = inputs.get(1);
        var rel = coords.expandDims(2).sub(coords.expandDims(1)); // x_i − x_j
        var radial = RadialBasis.expand(angstrom(rel));
        if (m_selfConditioning) {
            var estimate = inputs.get(2);
            radial = radial.concat(RadialBasis.expand(angstrom(estimate.expandDims(2).sub(estimate.expandDims(1)))),
                3);
        }
        var pairs = Nn.silu(m_embed.forward(ps, new NDList(radial), training).head());
        var out = new NDList(pairs, rel);
        if (m_bias) {
            var pooled = Nn.maskedMeanOverPartners(pairs, mask);
            out.add(m_token.forward(ps, new NDList(pooled), training).head());
            for (var l : m_blockBias) {
                out.add(l.forward(ps, new NDList(pairs), training).head().transpose(0, 3, 1, 2));
            }
        }
        return out;
    }

    /** @return |x_i − x_j| in Å from relative vectors in state units */
    private NDArray angstrom(final NDArray rel) {
        // the tiny offset keeps the root's slope finite at i = j (the inputs need no gradient, but be safe)
        return Nn.scale(rel.square().sum(new int[]{3}).add(1e-12f).sqrt(), m_angstromPerUnit); // native scalar: see Nn
    }
}
