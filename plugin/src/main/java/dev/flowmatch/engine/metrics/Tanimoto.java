package dev.flowmatch.engine.metrics;

import java.util.List;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.flowmatch.engine.compute.TorchRuntime;

/**
 * Kernels between two sets of bit fingerprints in one pass: the intersection counts |a ∧ b| of all pairs
 * are one matrix product of 0/1 matrices through DJL (10,000 × 10,000 pairs in about a second on two
 * cores, where pairwise popcounts take tens of seconds), and from them both the Tanimoto similarity
 * |a ∧ b| / |a ∨ b| and, for bit vectors, the squared distance ‖a − b‖² = |a| + |b| − 2·|a ∧ b| of an RBF
 * kernel. Two empty fingerprints have Tanimoto 0.
 */
final class Tanimoto {

    private static final int BLOCK = 256;

    private Tanimoto() {
    }

    /**
     * Reductions over all pairs (i in a, j in b).
     *
     * @param sum Σ T
     * @param sumSquares Σ T²
     * @param diagonal Σ_i T(a_i, b_i) when a and b are the same list, else 0
     * @param rowMax max_j T(a_i, b_j) per i
     * @param rbfSum Σ exp(−‖a_i − b_j‖²/(2h²)) for the bandwidth given, NaN if none
     * @param rbfBandwidth that h, NaN if none
     */
    record PairStats(double sum, double sumSquares, double diagonal, double[] rowMax, double rbfSum,
        double rbfBandwidth) {
    }

    static PairStats pairs(final List<long[]> a, final List<long[]> b) {
        return pairs(a, b, Double.NaN);
    }

    /**
     * @param rbfBandwidth h of an RBF kernel on the bit vectors, or NaN for none
     * @return the statistics; for a set against itself (the same list) only the blocks on and above the
     *         diagonal are computed (half the work), and rowMax is not (it would be the diagonal's 1)
     */
    static PairStats pairs(final List<long[]> a, final List<long[]> b, final double rbfBandwidth) {
        boolean rbf = !Double.isNaN(rbfBandwidth);
        boolean self = a == b;
        var rowMax = new double[a.size()];
        double sum = 0;
        double sumSq = 0;
        double rbfSum = 0;
        try (var m = TorchRuntime.newManager(Device.cpu())) {
            var bBits = bits(m, b);
            var bCounts = bBits.sum(new int[]{1}).expandDims(0);
            var bT = bBits.transpose();
            for (int start = 0; start < a.size(); start += BLOCK) {
                int end = Math.min(a.size(), start + BLOCK);
                try (var scope = m.newSubManager()) {
                    var aBits = bits(scope, a.subList(start, end));
                    // against itself: columns from this block on; the diagonal block counts once, the rest twice
                    var cols = self ? bT.get(":, " + start + ":") : bT;
                    var colCounts = self ? bCounts.get(":, " + start + ":") : bCounts;
                    var inter = aBits.matMul(cols);
                    // |a| + |b| − |a ∧ b| = |a ∨ b|, built in place to keep few block-sized buffers alive
                    var union = aBits.sum(new int[]{1}).expandDims(1).add(colCounts);
                    int diagonal = self ? end - start : 0;
                    if (rbf) {
                        var d2 = union.sub(inter.mul(2));
                        rbfSum += reduce(d2.divi(-2 * rbfBandwidth * rbfBandwidth).exp(), diagonal, false);
                    }
                    var t = inter.divi(union.subi(inter).maximum(1f)); // inter is now T
                    sum += reduce(t, diagonal, false);
                    sumSq += reduce(t, diagonal, true);
                    if (!self) {
                        var max = t.max(new int[]{1}).toFloatArray();
                        for (int i = 0; i < max.length; i++) {
                            rowMax[start + i] = max[i];
                        }
                    }
                }
            }
        }
        double diag = 0;
        if (self) {
            java.util.Arrays.fill(rowMax, Double.NaN);
            for (var fp : a) {
                diag += of(fp, fp); // 1, or 0 for an empty fingerprint
            }
        }
        return new PairStats(sum, sumSq, diag, rowMax, rbf ? rbfSum : Double.NaN, rbfBandwidth);
    }

    /**
     * @param diagonal 0 for a plain sum; else the width of the leading diagonal block of a symmetric matrix's
     *            upper block row, whose other entries stand for themselves and their mirror images
     */
    private static double reduce(final NDArray values, final int diagonal, final boolean squares) {
        var v = squares ? values.square() : values;
        double all = v.sum().toType(DataType.FLOAT64, false).getDouble();
        if (diagonal == 0) {
            return all;
        }
        double block = v.get(":, :" + diagonal).sum().toType(DataType.FLOAT64, false).getDouble();
        return 2 * all - block;
    }

    private static NDArray bits(final NDManager m, final List<long[]> fps) {
        int d = MoleculeProfiler.ECFP_BITS;
        var f = new float[fps.size() * d];
        for (int i = 0; i < fps.size(); i++) {
            var w = fps.get(i);
            for (int word = 0; word < w.length; word++) {
                long bitsLeft = w[word];
                while (bitsLeft != 0) {
                    int k = Long.numberOfTrailingZeros(bitsLeft);
                    f[i * d + word * 64 + k] = 1f;
                    bitsLeft &= bitsLeft - 1;
                }
            }
        }
        return m.create(f, new Shape(fps.size(), d));
    }

    /** @return Tanimoto of two fingerprints, by popcount (for tests and small sets) */
    static double of(final long[] a, final long[] b) {
        int inter = 0;
        int union = 0;
        for (int k = 0; k < a.length; k++) {
            inter += Long.bitCount(a[k] & b[k]);
            union += Long.bitCount(a[k] | b[k]);
        }
        return union == 0 ? 0 : (double)inter / union;
    }
}
