package dev.flowmatch.engine.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleBiFunction;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.flowmatch.engine.compute.TorchRuntime;

/**
 * Squared maximum mean discrepancy with the unbiased estimator (Gretton et al. 2012):
 *
 * <pre>
 * MMD²_u = Σ_{i≠j} k(x_i, x_j)/(m(m−1)) + Σ_{i≠j} k(y_i, y_j)/(n(n−1)) − 2·Σ_{i,j} k(x_i, y_j)/(mn),
 * </pre>
 *
 * which averages to 0 when both sets come from one distribution (and can then be slightly negative).
 * Kernels: Gaussian RBF on vectors with the median heuristic for the bandwidth, Tanimoto on fingerprints.
 * Kernel sums run in blocks through DJL.
 */
public final class Mmd {

    private static final int BLOCK = 1024;

    private static final int MEDIAN_SAMPLE = 1000;

    private Mmd() {
    }

    /** @return MMD²_u with the Tanimoto kernel (a valid kernel on bit vectors) */
    static double tanimoto(final List<long[]> x, final List<long[]> y) {
        requireTwo(x.size(), y.size());
        var xx = Tanimoto.pairs(x, x);
        var yy = Tanimoto.pairs(y, y);
        return tanimotoFromPairs(xx, yy, Tanimoto.pairs(x, y));
    }

    /** @return MMD²_u with k(a, b) = exp(−‖a − b‖² / (2h²)), h from {@link #medianHeuristic} */
    public static double rbf(final double[][] x, final double[][] y) {
        return rbf(x, y, medianHeuristic(x, y));
    }

    public static double rbf(final double[][] x, final double[][] y, final double bandwidth) {
        requireTwo(x.length, y.length);
        if (!(bandwidth > 0)) {
            throw new IllegalArgumentException("RBF bandwidth must be > 0, got " + bandwidth + ".");
        }
        double xx = rbfSum(x, x, bandwidth) - x.length; // k(a, a) = 1
        double yy = rbfSum(y, y, bandwidth) - y.length;
        return combine(xx, yy, rbfSum(x, y, bandwidth), x.length, y.length);
    }

    /**
     * @return the median Euclidean distance between distinct points of the pooled sets (every k-th point
     *         of each set, at most 1,000 in all, so it is deterministic); 1 if all points coincide
     */
    public static double medianHeuristic(final double[][] x, final double[][] y) {
        return pooledMedian(Arrays.asList(x), Arrays.asList(y), (a, b) -> {
            double s = 0;
            for (int c = 0; c < a.length; c++) {
                s += (a[c] - b[c]) * (a[c] - b[c]);
            }
            return Math.sqrt(s);
        });
    }

    /** @return the median heuristic for bit vectors, whose Euclidean distance is √(popcount(a xor b)) */
    static double medianHeuristicBits(final List<long[]> x, final List<long[]> y) {
        return pooledMedian(x, y, (a, b) -> {
            int diff = 0;
            for (int w = 0; w < a.length; w++) {
                diff += Long.bitCount(a[w] ^ b[w]);
            }
            return Math.sqrt(diff);
        });
    }

    private static <T> double pooledMedian(final List<T> x, final List<T> y, final ToDoubleBiFunction<T, T> distance) {
        int total = x.size() + y.size();
        int stride = Math.max(1, (total + MEDIAN_SAMPLE - 1) / MEDIAN_SAMPLE);
        var pool = new java.util.ArrayList<T>();
        for (int i = 0; i < total; i += stride) {
            pool.add(i < x.size() ? x.get(i) : y.get(i - x.size()));
        }
        var d = new double[pool.size() * (pool.size() - 1) / 2];
        int k = 0;
        for (int i = 0; i < pool.size(); i++) {
            for (int j = i + 1; j < pool.size(); j++) {
                d[k++] = distance.applyAsDouble(pool.get(i), pool.get(j));
            }
        }
        if (d.length == 0) {
            return 1;
        }
        Arrays.sort(d);
        double median = d[d.length / 2];
        return median > 0 ? median : 1;
    }

    /** MMD²_u with the Tanimoto kernel from the pair statistics of x×x, y×y and x×y. */
    static double tanimotoFromPairs(final Tanimoto.PairStats xx, final Tanimoto.PairStats yy,
        final Tanimoto.PairStats xy) {
        return combine(xx.sum() - xx.diagonal(), yy.sum() - yy.diagonal(), xy.sum(), xx.rowMax().length,
            yy.rowMax().length);
    }

    /** MMD²_u with the RBF kernel on bit vectors from pair statistics computed with one bandwidth. */
    static double rbfFromPairs(final Tanimoto.PairStats xx, final Tanimoto.PairStats yy, final Tanimoto.PairStats xy) {
        if (!(xx.rbfBandwidth() == yy.rbfBandwidth() && yy.rbfBandwidth() == xy.rbfBandwidth())) {
            throw new IllegalArgumentException("RBF sums with different bandwidths cannot be combined: "
                + xx.rbfBandwidth() + ", " + yy.rbfBandwidth() + ", " + xy.rbfBandwidth() + ".");
        }
        int m = xx.rowMax().length;
        int n = yy.rowMax().length;
        return combine(xx.rbfSum() - m, yy.rbfSum() - n, xy.rbfSum(), m, n); // k(a, a) = 1
    }

    private static double combine(final double xx, final double yy, final double xy, final int m, final int n) {
        return xx / ((double)m * (m - 1)) + yy / ((double)n * (n - 1)) - 2 * xy / ((double)m * n);
    }

    private static void requireTwo(final int m, final int n) {
        if (m < 2 || n < 2) {
            throw new IllegalArgumentException("MMD needs at least 2 samples per set, got " + m + " and " + n + ".");
        }
    }

    /** Σ_{i,j} exp(−‖x_i − y_j‖²/(2h²)) in float64 blocks. */
    private static double rbfSum(final double[][] x, final double[][] y, final double h) {
        double sum = 0;
        try (var m = TorchRuntime.newManager(Device.cpu())) {
            var ya = matrix(m, y, 0, y.length);
            var yT = ya.transpose();
            var yNorm = ya.square().sum(new int[]{1}).expandDims(0);
            for (int start = 0; start < x.length; start += BLOCK) {
                try (var scope = m.newSubManager()) {
                    var xa = matrix(scope, x, start, Math.min(x.length, start + BLOCK));
                    var d2 = xa.square().sum(new int[]{1}).expandDims(1).add(yNorm).sub(xa.matMul(yT).mul(2))
                        .maximum(0);
                    sum += d2.div(-2 * h * h).exp().sum().getDouble();
                }
            }
        }
        return sum;
    }

    private static NDArray matrix(final ai.djl.ndarray.NDManager m, final double[][] rows, final int from,
        final int to) {
        int d = rows[0].length;
        var flat = new double[(to - from) * d];
        for (int i = from; i < to; i++) {
            if (rows[i].length != d) {
                throw new IllegalArgumentException("All vectors must have " + d + " entries; row " + i + " has "
                    + rows[i].length + ".");
            }
            System.arraycopy(rows[i], 0, flat, (i - from) * d, d);
        }
        return m.create(flat, new Shape(to - from, d)).toType(DataType.FLOAT64, false);
    }
}
