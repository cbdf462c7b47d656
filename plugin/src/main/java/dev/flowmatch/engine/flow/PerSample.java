package dev.flowmatch.engine.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** Per-sample scalars as tensors that broadcast over the non-batch axes of a batch [B, ...]. */
public final class PerSample {

    private PerSample() {
    }

    /**
     * @param values one value per sample (length B)
     * @param like a batch [B, ...]; the result has its manager, device and data type
     * @return shape [B, 1, ..., 1] with as many axes as like
     */
    public static NDArray column(final double[] values, final NDArray like) {
        var shape = like.getShape();
        if (shape.dimension() == 0 || shape.get(0) != values.length) {
            throw new IllegalArgumentException(
                "Expected a batch of " + values.length + " samples [B, ...], got shape " + shape + ".");
        }
        var dims = new long[shape.dimension()];
        java.util.Arrays.fill(dims, 1);
        dims[0] = values.length;
        return of(values, like, new Shape(dims));
    }

    /** @return the values as an array of the given shape, with like's manager and data type (no temporaries) */
    public static NDArray of(final double[] values, final NDArray like, final Shape shape) {
        var m = like.getManager();
        if (like.getDataType() == DataType.FLOAT64) {
            return m.create(values, shape);
        }
        var f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float)values[i];
        }
        var a = m.create(f, shape);
        return like.getDataType() == DataType.FLOAT32 ? a : a.toType(like.getDataType(), false);
    }

    /** @return n copies of t */
    public static double[] constant(final int n, final double t) {
        var a = new double[n];
        java.util.Arrays.fill(a, t);
        return a;
    }

    /** @throws IllegalArgumentException naming both shapes when a and b differ */
    public static void requireSameShape(final NDArray a, final NDArray b, final String what) {
        if (!a.getShape().equals(b.getShape())) {
            throw new IllegalArgumentException(
                what + ": shapes differ, " + a.getShape() + " vs " + b.getShape() + ".");
        }
    }
}
