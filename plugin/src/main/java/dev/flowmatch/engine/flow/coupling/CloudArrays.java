package dev.flowmatch.engine.flow.coupling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Noise, data and mask of a point-cloud batch copied to Java arrays for the combinatorial parts of
 * couplings (assignment, SVD), which run on the CPU whatever the tensors' device.
 */
record CloudArrays(int batch, int atoms, int dim, float[] x0, float[] x1, int[] counts) {

    static CloudArrays of(final NDArray x0, final NDArray x1, final NDArray mask) {
        var s = x1.getShape();
        if (s.dimension() != 3 || !x0.getShape().equals(s) || !mask.getShape().equals(new Shape(s.get(0), s.get(1)))) {
            throw new IllegalArgumentException("Coupling expects noise and data [B, N, D] and mask [B, N]; got "
                + x0.getShape() + ", " + s + ", " + mask.getShape() + ".");
        }
        int b = (int)s.get(0);
        int n = (int)s.get(1);
        float[] m = floats(mask);
        var counts = new int[b];
        for (int i = 0; i < b; i++) {
            for (int a = 0; a < n; a++) {
                if (m[i * n + a] > 0.5f) {
                    if (a != counts[i]) {
                        throw new IllegalArgumentException("Mask row " + i + " is not padded at the end (atom " + a
                            + " is real after padding).");
                    }
                    counts[i]++;
                }
            }
        }
        return new CloudArrays(b, n, (int)s.get(2), floats(x0), floats(x1), counts);
    }

    private static float[] floats(final NDArray a) {
        if (a.getDataType() == DataType.FLOAT32) {
            return a.toFloatArray();
        }
        try (var f = a.toType(DataType.FLOAT32, true)) {
            return f.toFloatArray();
        }
    }

    /** @return the noise rows as a new array like x0 (same manager and type), padded atoms zero */
    NDArray create(final float[] noise, final NDArray like) {
        for (int i = 0; i < batch; i++) {
            java.util.Arrays.fill(noise, (i * atoms + counts[i]) * dim, (i + 1) * atoms * dim, 0f);
        }
        var a = like.getManager().create(noise, like.getShape());
        return like.getDataType() == DataType.FLOAT32 ? a : a.toType(like.getDataType(), false);
    }

    int stride() {
        return atoms * dim;
    }
}
