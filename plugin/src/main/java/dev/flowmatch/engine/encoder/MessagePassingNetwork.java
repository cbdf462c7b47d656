package dev.flowmatch.engine.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
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
 * Directed bond message passing (Yang et al. 2019, Chemprop's D-MPNN) on dense padded graphs. A hidden state
 * lives on every directed bond v→w; each step sums the messages arriving at v except the one coming back
 * from w, so information does not bounce straight back. Atom vectors combine the atom's features with its
 * incoming messages; the molecule vector is their mean. Sums run over atoms, so renumbering the atoms
 * permutes the atom vectors and leaves the molecule vector unchanged.
 *
 * <p>Inputs: as {@link GraphBatch#graphs} (neighbour lists padded to the largest degree). Outputs:
 * molecule vectors [B, H], atom vectors [B, N, H] (zero on padding).
 */
public final class MessagePassingNetwork extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int m_depth;

    private final Linear m_input;

    private final Linear m_message;

    private final Linear m_output;

    public MessagePassingNetwork(final EncoderArchitecture architecture) {
        super(VERSION);
        m_depth = architecture.depth();
        m_input = addChildBlock("input", Linear.builder().setUnits(architecture.width()).optBias(false).build());
        m_message = addChildBlock("message", Linear.builder().setUnits(architecture.width()).optBias(false).build());
        m_output = addChildBlock("output", Linear.builder().setUnits(architecture.width()).build());
    }

    @Override
    protected void initializeChildBlocks(final NDManager manager, final DataType dataType, final Shape... inputShapes) {
        long b = inputShapes[0].get(0);
        long n = inputShapes[0].get(1);
        long a = inputShapes[0].get(2);
        long d = inputShapes[1].get(2);
        long f = inputShapes[1].get(3);
        long h = m_input.getOutputShapes(new Shape[] {new Shape(1, a + f)})[0].get(1);
        m_input.initialize(manager, dataType, new Shape(b, n, d, a + f));
        m_message.initialize(manager, dataType, new Shape(b, n, d, h));
        m_output.initialize(manager, dataType, new Shape(b, n, a + h));
    }

    @Override
    public Shape[] getOutputShapes(final Shape[] inputShapes) {
        long b = inputShapes[0].get(0);
        long n = inputShapes[0].get(1);
        long h = m_output.getOutputShapes(new Shape[] {new Shape(b, n, 1)})[0].get(2);
        return new Shape[] {new Shape(b, h), new Shape(b, n, h)};
    }

    @Override
    protected NDList forwardInternal(final ParameterStore ps, final NDList inputs, final boolean training,
        final PairList<String, Object> params) {
        var atoms = inputs.get(0);
        var bonds = inputs.get(1);
        var slot = inputs.get(2).expandDims(3);
        var reverse = inputs.get(3);
        var mask = inputs.get(4);
        var s = bonds.getShape();
        // features of the bond's source atom v on each of its directed bonds v→w_j
        var source = atoms.expandDims(2).broadcast(s.get(0), s.get(1), s.get(2), atoms.getShape().get(2));
        var h0 = Activation.relu(m_input.forward(ps, new NDList(source.concat(bonds, 3)), training).head()).mul(slot);
        var h = h0;
        for (int step = 1; step < m_depth; step++) {
            // m[v→w] = Σ_k h[k→v] − h[w→v]: the messages arriving at v, less the one coming back from w
            var back = reversed(h, reverse, slot);
            var message = back.sum(new int[] {2}, true).sub(back);
            h = Activation.relu(h0.add(m_message.forward(ps, new NDList(message), training).head())).mul(slot);
        }
        var incoming = reversed(h, reverse, slot).sum(new int[] {2});
        var m = mask.expandDims(2);
        var atomVectors = Activation.relu(m_output.forward(ps, new NDList(NDArrays.concat(new NDList(atoms, incoming),
            2)), training).head()).mul(m);
        return new NDList(Nn.maskedMean(atomVectors, mask), atomVectors);
    }

    /** @return [B, N, D, H] whose slot (v, j) holds h[w_j→v]; empty slots (which index slot 0) are zeroed */
    private static NDArray reversed(final NDArray h, final NDArray reverse, final NDArray slot) {
        var s = h.getShape();
        return h.reshape(-1, s.get(3)).get(reverse).reshape(s).mul(slot);
    }
}
