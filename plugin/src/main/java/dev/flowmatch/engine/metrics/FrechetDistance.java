package dev.flowmatch.engine.metrics;

import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.data.DMatrixRMaj;

/**
 * The Fréchet distance between Gaussians fitted to two embedding sets,
 *
 * <pre>
 * d² = ‖μ1 − μ2‖² + tr(Σ1 + Σ2 − 2·(Σ1^½·Σ2·Σ1^½)^½),
 * </pre>
 *
 * the squared 2-Wasserstein distance of N(μ1, Σ1) and N(μ2, Σ2). Both square roots come from symmetric
 * eigendecompositions (EJML) with eigenvalues clamped at 0, so the result is real and symmetric in the
 * two sets even for rank-deficient covariances (fewer samples than dimensions, constant fingerprint
 * bits), where the product form tr((Σ1·Σ2)^½) of common FID/FCD code needs a non-symmetric matrix
 * square root and a ridge. A ridge ε·I can be added to both; where the eigensolver does not converge on a
 * rank-deficient covariance, 1e-10 of the mean variance is added and the computation repeated.
 *
 * <p>Named for what it is: on ChemNet activations this would be the FCD, but ChemNet's weights are not
 * shipped, so values are only comparable between runs on the same encoder.
 */
public final class FrechetDistance {

    private FrechetDistance() {
    }

    /** @return d² from means and covariances (covariances symmetric positive semi-definite) */
    public static double of(final double[] mean1, final double[][] cov1, final double[] mean2, final double[][] cov2,
        final double ridge) {
        int d = mean1.length;
        if (mean2.length != d || cov1.length != d || cov2.length != d) {
            throw new IllegalArgumentException("Fréchet distance needs both Gaussians in one dimension; got means of "
                + d + " and " + mean2.length + ", covariances of " + cov1.length + " and " + cov2.length + ".");
        }
        double meanTerm = 0;
        for (int i = 0; i < d; i++) {
            double diff = mean1[i] - mean2[i];
            meanTerm += diff * diff;
        }
        // dimensions constant in both sets add nothing to the trace terms; dropping them is exact and keeps
        // the eigensolver away from large exactly-zero blocks (constant fingerprint bits)
        int[] keep = varying(cov1, cov2);
        var s1 = sub(cov1, keep);
        var s2 = sub(cov2, keep);
        double traceTerm;
        try {
            traceTerm = traceTerm(s1, s2, ridge);
        } catch (IllegalStateException e) {
            // rank-deficient covariances can stall the QR iteration; a ridge of 1e-10 of the mean variance
            // changes the result by far less than its sampling error
            double r = Math.max(ridge, 1e-10 * (CommonOps_DDRM.trace(s1) + CommonOps_DDRM.trace(s2)) / (2 * keep.length));
            traceTerm = traceTerm(s1, s2, r);
        }
        double value = meanTerm + traceTerm;
        return Math.max(value, 0); // round-off can go a hair below 0 for identical sets
    }

    /** @return tr(Σ1 + Σ2 − 2·(Σ1^½·Σ2·Σ1^½)^½) with ridge·I added to both */
    private static double traceTerm(final DMatrixRMaj cov1, final DMatrixRMaj cov2, final double ridge) {
        int d = cov1.numRows;
        if (d == 0) {
            return 0;
        }
        var s1 = cov1.copy();
        var s2 = cov2.copy();
        for (int i = 0; i < d; i++) {
            s1.add(i, i, ridge);
            s2.add(i, i, ridge);
        }
        var root1 = symmetricFunction(s1, true);
        var m = new DMatrixRMaj(d, d);
        var tmp = new DMatrixRMaj(d, d);
        CommonOps_DDRM.mult(root1, s2, tmp);
        CommonOps_DDRM.mult(tmp, root1, m);
        symmetrize(m);
        double traceRoot = 0;
        for (double ev : clamped(eigenvalues(m))) {
            traceRoot += Math.sqrt(ev);
        }
        return CommonOps_DDRM.trace(s1) + CommonOps_DDRM.trace(s2) - 2 * traceRoot;
    }

    /** Eigenvalues below 10⁻¹³ of the largest are round-off of zero; their square roots would not be. */
    private static double[] clamped(final double[] ev) {
        double max = 0;
        for (double v : ev) {
            max = Math.max(max, v);
        }
        var out = new double[ev.length];
        for (int i = 0; i < ev.length; i++) {
            out[i] = ev[i] > 1e-13 * max ? ev[i] : 0;
        }
        return out;
    }

    private static int[] varying(final double[][] a, final double[][] b) {
        return java.util.stream.IntStream.range(0, a.length).filter(i -> a[i][i] > 0 || b[i][i] > 0).toArray();
    }

    private static DMatrixRMaj sub(final double[][] c, final int[] keep) {
        var m = new DMatrixRMaj(keep.length, keep.length);
        for (int i = 0; i < keep.length; i++) {
            for (int j = 0; j < keep.length; j++) {
                m.set(i, j, c[keep[i]][keep[j]]);
            }
        }
        return m;
    }

    /** @return d² between Gaussians fitted to two sample sets (rows = samples), without ridge */
    public static double between(final double[][] x, final double[][] y) {
        var a = Moments.of(x);
        var b = Moments.of(y);
        return of(a.mean(), a.covariance(), b.mean(), b.covariance(), 0);
    }

    /** @return V·f(Λ)·Vᵀ for f = sqrt (eigenvalues clamped at 0) */
    private static DMatrixRMaj symmetricFunction(final DMatrixRMaj s, final boolean sqrt) {
        int d = s.numRows;
        var copy = s.copy();
        symmetrize(copy);
        var eig = DecompositionFactory_DDRM.eig(d, true, true);
        if (!eig.decompose(copy)) {
            throw new IllegalStateException("Eigendecomposition of a " + d + "×" + d + " covariance failed.");
        }
        var ev = new double[d];
        for (int k = 0; k < d; k++) {
            ev[k] = eig.getEigenvalue(k).getReal();
        }
        ev = clamped(ev);
        var out = new DMatrixRMaj(d, d);
        for (int k = 0; k < d; k++) {
            double lambda = ev[k];
            double f = sqrt ? Math.sqrt(lambda) : lambda;
            var v = eig.getEigenVector(k);
            for (int i = 0; i < d; i++) {
                double vi = v.get(i) * f;
                for (int j = 0; j < d; j++) {
                    out.add(i, j, vi * v.get(j));
                }
            }
        }
        return out;
    }

    private static double[] eigenvalues(final DMatrixRMaj m) {
        int d = m.numRows;
        var eig = DecompositionFactory_DDRM.eig(d, false, true);
        if (!eig.decompose(m.copy())) {
            throw new IllegalStateException("Eigendecomposition of a " + d + "×" + d + " matrix failed.");
        }
        var ev = new double[d];
        for (int k = 0; k < d; k++) {
            ev[k] = eig.getEigenvalue(k).getReal();
        }
        return ev;
    }

    private static void symmetrize(final DMatrixRMaj m) {
        int d = m.numRows;
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                double v = 0.5 * (m.get(i, j) + m.get(j, i));
                m.set(i, j, v);
                m.set(j, i, v);
            }
        }
    }
}
