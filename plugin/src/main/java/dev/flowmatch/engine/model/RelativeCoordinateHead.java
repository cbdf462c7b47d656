package dev.flowmatch.engine.model;

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
 * Coordinates from relative vectors, as EGNN/EDM and SemlaFlow build their coordinate updates:
 * v_i = Σ_j m_j (x_i − x_j) φ(h_i, h_j, p_ij) / Σ_j m_j, with φ a one-hidden-layer SiLU network of the two
 * atoms' final tokens and their pair features. A rotation of the input rotates v and a translation leaves it
 * unchanged whenever the tokens and pair features are invariant; padded atoms (m_j = 0) contribute nothing.
 *
 * <p>Inputs: final tokens [B, N, d], pair features [B, N, N, P], relative vectors [B, N, N, 3], mask [B, N].
 * Output: [B, N, 3] in state units.
 */
final class RelativeCoordinateHead extends AbstractBlock {

    private static final byte VERSION = 1;

    private final Linear m_first;

    private final Linear m_second;

    private final Linear m_pair;

    private final Linear m_out;

    RelativeCoordinateHead() {
        super(VERSION);
        int p = PairFeatures.PAIR_WIDTH;
        m_first = addChildBlock("first", Linear.builder().setUnits(p).build());
        m_second = addChildBlock("second", Linear.builder().setUnits(p).optBias(false).build());
        m_pair = addChildBlock("pair", Linear.builder().setUnits(p).optBias(false).build());
        m_out = addChildBlock("out", Linear.builder().setUnits(1).build());
    }

    @Override
    protected void initializeChildBlocks(final NDManager manager, final DataType dataType, final Shape... inputShapes) {
        var tokens = inputShapes[0];
        var pairs = inputShapes[1];
        m_first.initialize(manager, dataType, tokens);
        m_second.initialize(manager, dataType, tokens);
        m_pair.initialize(manager, dataType, pairs);
        m_out.initialize(manager, dataType, pairs);
    }

    @Override
    public Shape[] getOutputShapes(final Shape[] inputShapes) {
        var t = inputShapes[0];
        return new Shape[]{new Shape(t.get(0), t.get(1), 3)};
    }

    @Override
    protected NDList forwardInternal(final ParameterStore ps, final NDList inputs, final boolean training,
        final PairList<String, Object> params) {
        var tokens = inputs.get(0);
        var pairs = inputs.get(1);
        var rel = inputs.get(2);
        var mask = inputs.get(3);
        var a = m_first.forward(ps, new NDList(tokens), training).head().expandDims(2); // [B, N, 1, P]: atom i
        var b = m_second.forward(ps, new NDList(tokens), training).head().expandDims(1); // [B, 1, N, P]: atom j
        var c = m_pair.forward(ps, new NDList(pairs), training).head();
        var phi = m_out.forward(ps, new NDList(Nn.silu(c.add(a).add(b))), training).head(); // [B, N, N, 1]
        return new NDList(Nn.maskedMeanOverPartners(rel.mul(phi), mask));
    }
}
