package dev.flowmatch.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Fixed sinusoidal features [sin(v·ω_i), cos(v·ω_i)] with ω_i = 10000^(−i/half), as in transformers and
 * diffusion models. Computed on the host: they have no parameters and are tiny next to the network.
 */
final class SinusoidalFeatures {

    /** Times in [0, 1] are stretched so the fastest frequency resolves steps of 1e-3. */
    static final double TIME_SCALE = 1000;

    private SinusoidalFeatures() {
    }

    /** @return [B, features] for one time per sample */
    static NDArray time(final NDManager manager, final double[] t, final int features) {
        var out = new float[t.length * features];
        for (int b = 0; b < t.length; b++) {
            fill(out, b * features, t[b] * TIME_SCALE, features);
        }
        return manager.create(out, new Shape(t.length, features));
    }

    /** @return [1, n, width]: the encoding of atom indices 0..n−1 (width even or odd) */
    static NDArray positions(final NDManager manager, final int n, final int width) {
        var out = new float[n * width];
        for (int i = 0; i < n; i++) {
            fill(out, i * width, i, width);
        }
        return manager.create(out, new Shape(1, n, width));
    }

    private static void fill(final float[] out, final int offset, final double v, final int features) {
        int half = features / 2;
        for (int i = 0; i < half; i++) {
            double w = Math.exp(-Math.log(10000) * i / Math.max(1, half));
            out[offset + i] = (float)Math.sin(v * w);
            out[offset + half + i] = (float)Math.cos(v * w);
        }
        if (features % 2 == 1) {
            out[offset + features - 1] = 0;
        }
    }
}
