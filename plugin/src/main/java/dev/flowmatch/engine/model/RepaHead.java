package dev.flowmatch.engine.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import dev.flowmatch.engine.compute.Nn;
import dev.flowmatch.engine.compute.SeededInitializer;

/**
 * REPA's projector (Yu et al. 2024): a 3-layer MLP with SiLU from the hidden states of one transformer block
 * [B, N, d] to the frozen encoder's space [B, N, E], per atom; the loss pools it over real atoms for
 * molecule-level encoders. Used only during training and never saved into the sampling model.
 */
public final class RepaHead extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int m_width;

    private final int m_hidden;

    private final int m_targetDim;

    private final Linear m_l1;

    private final Linear m_l2;

    private final Linear m_l3;

    /**
     * @param width d of the transformer
     * @param hidden the MLP's hidden size
     * @param targetDim E of the encoder
     */
    public RepaHead(final int width, final int hidden, final int targetDim) {
        super(VERSION);
        if (width < 1 || hidden < 1 || targetDim < 1) {
            throw new IllegalArgumentException("REPA projector sizes must be positive, got width " + width
                + ", hidden " + hidden + ", encoder dimension " + targetDim + ".");
        }
        m_width = width;
        m_hidden = hidden;
        m_targetDim = targetDim;
        m_l1 = addChildBlock("l1", Linear.builder().setUnits(hidden).build());
        m_l2 = addChildBlock("l2", Linear.builder().setUnits(hidden).build());
        m_l3 = addChildBlock("l3", Linear.builder().setUnits(targetDim).build());
    }

    public int targetDim() {
        return m_targetDim;
    }

    /** Initialises the parameters reproducibly from the seed. */
    public void initialize(final NDManager manager, final long seed) {
        setInitializer(new SeededInitializer(seed), Parameter.Type.WEIGHT);
        initialize(manager, DataType.FLOAT32, new Shape(1, 2, m_width));
    }

    @Override
    protected void initializeChildBlocks(final NDManager manager, final DataType dataType, final Shape... inputShapes) {
        var s = inputShapes[0];
        m_l1.initialize(manager, dataType, s);
        m_l2.initialize(manager, dataType, new Shape(s.get(0), s.get(1), m_hidden));
        m_l3.initialize(manager, dataType, new Shape(s.get(0), s.get(1), m_hidden));
    }

    @Override
    public Shape[] getOutputShapes(final Shape[] inputShapes) {
        var s = inputShapes[0];
        return new Shape[]{new Shape(s.get(0), s.get(1), m_targetDim)};
    }

    @Override
    protected NDList forwardInternal(final ParameterStore ps, final NDList inputs, final boolean training,
        final PairList<String, Object> params) {
        var h = Nn.silu(m_l1.forward(ps, inputs, training).head());
        h = Nn.silu(m_l2.forward(ps, new NDList(h), training).head());
        return m_l3.forward(ps, new NDList(h), training);
    }
}
