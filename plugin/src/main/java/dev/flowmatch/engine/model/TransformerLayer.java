package dev.flowmatch.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.transformer.ScaledDotProductAttentionBlock;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

import dev.flowmatch.engine.compute.Nn;

/**
 * One pre-LN transformer block over atom tokens: x + attn(LN(x)), then x + MLP(LN(x)) with SiLU. DJL's own
 * TransformerEncoderBlock uses batch norm and drops the mask between blocks, so this one is assembled from
 * its attention block, LayerNorm and Linear. With adaLN conditioning (DiT), the time embedding gives a
 * shift, scale and gate per sub-layer; the gates start at zero, so every block starts as the identity.
 *
 * <p>Inputs: tokens [B, N, d], the additive attention mask [B, 1, 1, N] (0 keep, −1e5 drop), and for adaLN
 * the conditioning vector [B, d]. Padded keys are never attended to, so padding cannot leak into real atoms.
 */
final class TransformerLayer extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int m_width;

    private final long m_ffnHidden;

    private final boolean m_adaptive;

    private final LayerNorm m_norm1;

    private final ScaledDotProductAttentionBlock m_attention;

    private final LayerNorm m_norm2;

    private final Linear m_ffnIn;

    private final Linear m_ffnOut;

    private final Linear m_modulation;

    TransformerLayer(final int width, final int heads, final int ffnMultiplier, final boolean adaptive) {
        super(VERSION);
        m_width = width;
        m_adaptive = adaptive;
        m_ffnHidden = (long)width * ffnMultiplier;
        m_norm1 = addChildBlock("norm1", LayerNorm.builder().axis(2).optScale(!adaptive).optCenter(!adaptive).build());
        m_attention = addChildBlock("attention", ScaledDotProductAttentionBlock.builder().setEmbeddingSize(width)
            .setHeadCount(heads).optAttentionProbsDropoutProb(0f).build());
        m_norm2 = addChildBlock("norm2", LayerNorm.builder().axis(2).optScale(!adaptive).optCenter(!adaptive).build());
        m_ffnIn = addChildBlock("ffnIn", Linear.builder().setUnits(m_ffnHidden).build());
        m_ffnOut = addChildBlock("ffnOut", Linear.builder().setUnits(width).build());
        m_modulation = adaptive ? addChildBlock("modulation", Linear.builder().setUnits(6L * width).build()) : null;
    }

    /** Zero gates and shifts at the start (DiT's adaLN-Zero); call after the global weight initializer. */
    void zeroModulation() {
        if (m_modulation != null) {
            m_modulation.setInitializer(Initializer.ZEROS, Parameter.Type.WEIGHT);
        }
    }

    @Override
    protected void initializeChildBlocks(final NDManager manager, final DataType dataType, final Shape... inputShapes) {
        var tokens = inputShapes[0];
        m_norm1.initialize(manager, dataType, tokens);
        m_attention.initialize(manager, dataType, tokens);
        m_norm2.initialize(manager, dataType, tokens);
        m_ffnIn.initialize(manager, dataType, tokens);
        m_ffnOut.initialize(manager, dataType, new Shape(tokens.get(0), tokens.get(1), m_ffnHidden));
        if (m_modulation != null) {
            m_modulation.initialize(manager, dataType, new Shape(tokens.get(0), m_width));
        }
    }

    @Override
    public Shape[] getOutputShapes(final Shape[] inputShapes) {
        return new Shape[]{inputShapes[0]};
    }

    @Override
    protected NDList forwardInternal(final ParameterStore ps, final NDList inputs, final boolean training,
        final PairList<String, Object> params) {
        var x = inputs.get(0);
        var maskOffset = inputs.get(1);
        NDArray[] mod = null;
        if (m_adaptive) { // [B, 6d] -> six [B, 1, d] chunks
            var c = Nn.silu(inputs.get(2));
            var m = m_modulation.forward(ps, new NDList(c), training).head().expandDims(1);
            mod = m.split(6, 2).toArray(new NDArray[0]);
        }
        var h = m_norm1.forward(ps, new NDList(x), training).head();
        if (mod != null) {
            h = h.mul(mod[1].add(1)).add(mod[0]);
        }
        var a = m_attention.forward(ps, new NDList(h, maskOffset), training).head();
        x = x.add(mod != null ? a.mul(mod[2]) : a);
        h = m_norm2.forward(ps, new NDList(x), training).head();
        if (mod != null) {
            h = h.mul(mod[4].add(1)).add(mod[3]);
        }
        h = m_ffnIn.forward(ps, new NDList(h), training).head();
        h = m_ffnOut.forward(ps, new NDList(Nn.silu(h)), training).head();
        return new NDList(x.add(mod != null ? h.mul(mod[5]) : h));
    }
}
