package dev.flowmatch.engine.flow.discrete;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.flowmatch.engine.flow.HostArrays;

/**
 * Atom types as continuous one-hot vectors, so that they follow the same Gaussian affine path as the
 * coordinates (the "continuous" alternative to discrete flow matching), and back by argmax.
 */
public final class OneHot {

    private OneHot() {
    }

    /**
     * @param types [B, N] class indices (ignored where the mask is 0)
     * @param mask [B, N] or null
     * @param classes K
     * @param scale value of the hot entry (scaling trades type against coordinate signal, as in EDM)
     * @return float32 [B, N, K], zero rows at padded atoms
     */
    public static NDArray encode(final NDArray types, final NDArray mask, final int classes, final double scale) {
        var s = types.getShape();
        if (s.dimension() != 2) {
            throw new IllegalArgumentException("Types must be [B, N], got " + s + ".");
        }
        int b = (int)s.get(0);
        int n = (int)s.get(1);
        var t = HostArrays.ints(types);
        var m = mask == null ? null : HostArrays.floats(mask);
        var out = new float[b * n * classes];
        for (int i = 0; i < b * n; i++) {
            if (m != null && m[i] < 0.5f) {
                continue;
            }
            if (t[i] < 0 || t[i] >= classes) {
                throw new IllegalArgumentException(
                    "Type " + t[i] + " of atom " + i % n + " in sample " + i / n + " is outside [0, " + classes + ").");
            }
            out[i * classes + t[i]] = (float)scale;
        }
        return types.getManager().create(out, new Shape(b, n, classes));
    }

    /** @return [B, N] int32 argmax over the last axis */
    public static NDArray decode(final NDArray vectors) {
        return vectors.argMax(-1).toType(DataType.INT32, false);
    }
}
