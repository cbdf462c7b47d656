package dev.flowmatch.engine.compute;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * Small tensor helpers shared by the networks (velocity transformer, encoders) and their losses.
 *
 * <p>Scaling by a constant: DJL 0.35.1's {@code NDArray.mul(Number)} and {@code div(Number)} wrap the constant in a
 * tensor over a Java direct buffer (no copy on the CPU) and close it right after the operation; autograd keeps that
 * tensor for the backward pass, and once the garbage collector frees the buffer, the backward pass reads freed
 * memory: gradients of 1e24–1e34 at random, seen as training that "diverged at step 1" about once in seven fresh
 * JVMs (and 3 in 12 with the collector running beside the step). Inside anything that gets a gradient, scale with
 * {@link #scale}, whose constant is native and lives as long as the scope of the step.
 */
public final class Nn {

    private Nn() {
    }

    /** @return x·s with s a native scalar tensor in x's manager (safe where autograd saves the operand) */
    public static NDArray scale(final NDArray x, final double s) {
        return x.mul(x.getManager().full(new ai.djl.ndarray.types.Shape(), (float)s, x.getDataType()));
    }

    /** SiLU (swish), x·σ(x). */
    public static NDArray silu(final NDArray x) {
        return x.mul(Activation.sigmoid(x));
    }

    /**
     * @param x [B, N, F]
     * @param mask [B, N] float, 1 for real atoms
     * @return the mean over real atoms, [B, F]
     */
    public static NDArray maskedMean(final NDArray x, final NDArray mask) {
        var m = mask.expandDims(2);
        return x.mul(m).sum(new int[]{1}).div(m.sum(new int[]{1}).maximum(1));
    }

    /**
     * @param x per pair of atoms [B, N, N, F] (second atom index j on axis 2)
     * @param mask [B, N] float, 1 for real atoms
     * @return for each atom i the mean of x_ij over the real atoms j, [B, N, F]
     */
    public static NDArray maskedMeanOverPartners(final NDArray x, final NDArray mask) {
        var partners = mask.expandDims(1).expandDims(3); // [B, 1, N, 1]
        return x.mul(partners).sum(new int[]{2}).div(partners.sum(new int[]{2}).maximum(1));
    }

    /** @return [B]: the mean over real atoms of a per-atom quantity [B, N] */
    public static NDArray meanOverAtoms(final NDArray perAtom, final NDArray mask) {
        return perAtom.mul(mask).sum(new int[]{1}).div(mask.sum(new int[]{1}).maximum(1));
    }
}
