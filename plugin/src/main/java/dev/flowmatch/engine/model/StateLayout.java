package dev.flowmatch.engine.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import dev.flowmatch.engine.chem.PointCloud;
import dev.flowmatch.engine.compute.BatchArrays;
import dev.flowmatch.engine.flow.GaussianPrior;
import dev.flowmatch.engine.flow.HostArrays;
import dev.flowmatch.engine.flow.coupling.Coupling;
import dev.flowmatch.engine.flow.discrete.OneHot;

/**
 * The continuous state the flow moves, per atom: 3 coordinates divided by {@code coordScale} (so data and
 * noise have comparable spread) followed by K type channels, a one-hot scaled by {@code typeScale}. Both
 * parts follow the same affine path, so every ODE solver integrates them together; types are read back by
 * argmax. The noise is centred over real atoms for the coordinates only (molecules are centred; type
 * channels are not positions).
 *
 * @param atomTypes K
 * @param coordScale Å per state unit
 * @param typeScale value of the hot entry
 */
public record StateLayout(int atomTypes, double coordScale, double typeScale) {

    public StateLayout {
        if (atomTypes < 1 || !(coordScale > 0 && coordScale < 1e6) || !(typeScale > 0 && typeScale < 1e6)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                "State layout needs K ≥ 1 and finite positive scales, got K=%d, coordinate scale %g, type scale %g.",
                atomTypes, coordScale, typeScale));
        }
    }

    /** @return 3 + K */
    public int dim() {
        return 3 + atomTypes;
    }

    /** @return the clean state x1 [B, N, 3+K] of a batch, zero at padded atoms, in the batch's manager */
    public NDArray clean(final BatchArrays batch) {
        var coords = batch.coords().div(coordScale);
        var types = OneHot.encode(batch.types(), batch.mask(), atomTypes, typeScale);
        return coords.concat(types, 2);
    }

    /** @return noise x0 [B, N, 3+K]: centred coordinate noise and plain type noise, zero at padding */
    public NDArray noise(final NDArray mask, final Random rng) {
        return noise(mask, rng, null, null);
    }

    /**
     * As {@link #noise(NDArray, Random)}, with the coordinate noise paired to the data's coordinates by a
     * coupling (type noise stays independent: permuting or rotating it would change nothing).
     *
     * @param coupling applied to the coordinates, or null for independent noise
     * @param x1 the clean states the noise is coupled to (null without a coupling)
     */
    public NDArray noise(final NDArray mask, final Random rng, final Coupling coupling, final NDArray x1) {
        var coords = new GaussianPrior(true).sample(mask, 3, rng);
        if (coupling != null) {
            coords = coupling.couple(coords, coords(x1), mask);
        }
        var types = new GaussianPrior(false).sample(mask, atomTypes, rng);
        return NDArrays.concat(new NDList(coords, types), 2);
    }

    /** @return the coordinate channels [B, N, 3] (a view) */
    public static NDArray coords(final NDArray state) {
        return state.get(":, :, :3");
    }

    /** @return the type channels [B, N, K] (a view) */
    public static NDArray types(final NDArray state) {
        return state.get(":, :, 3:");
    }

    /**
     * @param state [B, N, 3+K]
     * @param mask [B, N]
     * @param idPrefix the clouds are named idPrefix + (firstNumber + i)
     * @return one point cloud per sample: argmax types and coordinates in Å, padding dropped
     */
    public List<PointCloud> decode(final NDArray state, final NDArray mask, final String idPrefix,
        final int firstNumber) {
        var s = state.getShape();
        if (s.dimension() != 3 || s.get(2) != dim()) {
            throw new IllegalArgumentException("Expected a state [B, N, " + dim() + "], got " + s + ".");
        }
        int b = (int)s.get(0);
        int n = (int)s.get(1);
        var x = HostArrays.floats(state);
        var counts = HostArrays.atomCounts(mask);
        var out = new ArrayList<PointCloud>(b);
        int d = dim();
        for (int i = 0; i < b; i++) {
            int m = counts[i];
            var types = new int[m];
            var coords = new float[3 * m];
            for (int a = 0; a < m; a++) {
                int base = (i * n + a) * d;
                for (int k = 0; k < 3; k++) {
                    coords[3 * a + k] = (float)(x[base + k] * coordScale);
                }
                int best = 0;
                for (int k = 1; k < atomTypes; k++) {
                    if (x[base + 3 + k] > x[base + 3 + best]) {
                        best = k;
                    }
                }
                types[a] = best;
            }
            out.add(new PointCloud(types, coords, idPrefix + (firstNumber + i)));
        }
        return out;
    }
}
