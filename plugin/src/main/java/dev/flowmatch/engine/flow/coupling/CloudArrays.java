package dev.flowmatch.engine.flow.coupling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.flowmatch.engine.flow.HostArrays;

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
        return new CloudArrays((int)s.get(0), (int)s.get(1), (int)s.get(2), HostArrays.floats(x0),
            HostArrays.floats(x1), HostArrays.atomCounts(mask));
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
