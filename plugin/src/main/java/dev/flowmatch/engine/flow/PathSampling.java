package dev.flowmatch.engine.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntConsumer;

import ai.djl.Device;
import ai.djl.ndarray.types.Shape;
import dev.flowmatch.engine.compute.TorchRuntime;
import dev.flowmatch.engine.flow.coupling.Coupling;
import dev.flowmatch.engine.flow.path.AffinePath;
import dev.flowmatch.engine.flow.path.TimeSampler;

/**
 * Draws training samples of a probability path for a data set, as the learner does, for inspection:
 * noise x0 paired with each item x1 by the coupling (in batches), a time t, the point x_t on the path and
 * its target velocity. Items are point sets of {@code dim} values per point (a molecule: atoms × 3; a
 * vector: one point of its length). Values are divided by {@code scale} before the path (noise is standard
 * normal in those units) and multiplied back, so x0, x_t and targets come in the data's units.
 */
public final class PathSampling {

    /**
     * @param item index of the data item
     * @param t time
     * @param x0 the paired noise, flat (points × dim)
     * @param xt the point on the path at t
     * @param target the conditional velocity dx_t/dt
     */
    public record Sample(int item, double t, float[] x0, float[] xt, float[] target) {
    }

    private PathSampling() {
    }

    /**
     * @param data flat items, each a multiple of {@code dim} long
     * @param centred centre the noise of each item on its points (molecules: translation-free noise)
     * @param batch items coupled together
     * @param repeats samples per item
     * @param progress told the number of items done after each batch (may be used to cancel by throwing)
     * @return repeats × data.size() samples: all items' first sample, then the second, …
     */
    public static List<Sample> sample(final List<float[]> data, final int dim, final boolean centred,
        final double scale, final AffinePath path, final TimeSampler times, final Coupling coupling, final int batch,
        final int repeats, final long seed, final IntConsumer progress) {
        if (dim < 1 || batch < 1 || repeats < 1 || !(scale > 0)) {
            throw new IllegalArgumentException("Path sampling needs dim, batch, repeats ≥ 1 and scale > 0.");
        }
        var out = new ArrayList<Sample>(data.size() * repeats);
        var prior = new GaussianPrior(centred);
        try (var root = TorchRuntime.newManager(Device.cpu())) {
            int done = 0;
            for (int r = 0; r < repeats; r++) {
                for (int start = 0, c = 0; start < data.size(); start += batch, c++) {
                    int end = Math.min(data.size(), start + batch);
                    var rng = new Random(seed * 1_000_003L + r * 10_007L + c);
                    try (var scope = root.newSubManager()) {
                        int b = end - start;
                        int n = 0;
                        for (int i = start; i < end; i++) {
                            n = Math.max(n, points(data.get(i), dim));
                        }
                        var x1 = new float[b * n * dim];
                        var maskValues = new float[b * n];
                        for (int i = start; i < end; i++) {
                            var item = data.get(i);
                            for (int k = 0; k < item.length; k++) {
                                x1[(i - start) * n * dim + k] = (float)(item[k] / scale);
                            }
                            java.util.Arrays.fill(maskValues, (i - start) * n, (i - start) * n + points(item, dim), 1f);
                        }
                        var mask = scope.create(maskValues, new Shape(b, n));
                        var x1a = scope.create(x1, new Shape(b, n, dim));
                        var x0 = coupling.couple(prior.sample(mask, dim, rng), x1a, mask);
                        var t = times.sample(b, rng);
                        var ps = path.sample(x0, x1a, t);
                        var h0 = HostArrays.floats(x0);
                        var ht = HostArrays.floats(ps.xt());
                        var hd = HostArrays.floats(ps.dxt());
                        for (int i = start; i < end; i++) {
                            int len = data.get(i).length;
                            int off = (i - start) * n * dim;
                            out.add(new Sample(i, t[i - start], scaled(h0, off, len, scale), scaled(ht, off, len, scale),
                                scaled(hd, off, len, scale)));
                        }
                    }
                    done += end - start;
                    progress.accept(done);
                }
            }
        }
        return out;
    }

    private static int points(final float[] item, final int dim) {
        if (item.length == 0 || item.length % dim != 0) {
            throw new IllegalArgumentException("An item of " + item.length + " values is not a set of points of "
                + dim + " values.");
        }
        return item.length / dim;
    }

    private static float[] scaled(final float[] a, final int off, final int len, final double scale) {
        var out = new float[len];
        for (int k = 0; k < len; k++) {
            out[k] = (float)(a[off + k] * scale);
        }
        return out;
    }
}
