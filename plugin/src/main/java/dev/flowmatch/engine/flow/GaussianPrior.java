package dev.flowmatch.engine.flow;

import java.util.Random;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The source distribution N(0, I) over point clouds [B, N, D], drawn with a Java generator so a seed gives
 * the same noise on every device and run. Optionally centred on the real atoms: molecules are centred,
 * and centred noise keeps the whole path in the zero-centroid subspace.
 *
 * @param centered subtract the mean over real atoms after masking
 */
public record GaussianPrior(boolean centered) {

    /** @return standard normal samples of the given shape, float32 */
    public NDArray sample(final NDManager manager, final Shape shape, final Random rng) {
        return sample(manager, shape, DataType.FLOAT32, rng);
    }

    /** @return standard normal samples of the given shape and type (FLOAT32 or FLOAT64) */
    public NDArray sample(final NDManager manager, final Shape shape, final DataType type, final Random rng) {
        long size = shape.size();
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Noise of shape " + shape + " is too large.");
        }
        if (type == DataType.FLOAT64) {
            var d = new double[(int)size];
            for (int i = 0; i < d.length; i++) {
                d[i] = rng.nextGaussian();
            }
            return manager.create(d, shape);
        }
        if (type != DataType.FLOAT32) {
            throw new IllegalArgumentException("Noise must be FLOAT32 or FLOAT64, not " + type + ".");
        }
        var f = new float[(int)size];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float)rng.nextGaussian();
        }
        return manager.create(f, shape);
    }

    /**
     * @param x0 noise [B, N, D]
     * @param mask [B, N], 1 for real atoms
     * @return x0 with padded atoms zeroed (and centred on the real atoms when this prior is centred)
     */
    public NDArray restrict(final NDArray x0, final NDArray mask) {
        var s = x0.getShape();
        if (s.dimension() != 3 || !mask.getShape().equals(new Shape(s.get(0), s.get(1)))) {
            throw new IllegalArgumentException(
                "Expected noise [B, N, D] and mask [B, N], got " + s + " and " + mask.getShape() + ".");
        }
        return Scopes.compute(x0, mask, (x, mk) -> {
            var m = mk.toType(x.getDataType(), true).expandDims(2);
            var masked = x.mul(m);
            if (!centered) {
                return masked;
            }
            var counts = m.sum(new int[]{1}, true).maximum(1);
            var mean = masked.sum(new int[]{1}, true).div(counts);
            return masked.sub(mean).mul(m);
        });
    }

    /** @return masked (and centred) noise [B, N, D] for the given mask [B, N] */
    public NDArray sample(final NDArray mask, final int dim, final Random rng) {
        var s = mask.getShape();
        var x0 = sample(mask.getManager(), new Shape(s.get(0), s.get(1), dim), rng);
        try {
            return restrict(x0, mask);
        } finally {
            x0.close();
        }
    }
}
