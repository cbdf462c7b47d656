package dev.flowmatch.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.junit.jupiter.api.Test;

/**
 * The Fréchet distance against closed forms and an independent route (eigenvalues of the non-symmetric
 * product Σ1·Σ2 with Commons Math, where this code uses symmetric square roots with EJML).
 */
class FrechetDistanceTest {

    /** 2×2: tr √M = √(tr M + 2√det M) for PSD M, and M = Σ1^½Σ2Σ1^½ has tr Σ1Σ2 and det Σ1·det Σ2. */
    @Test
    void matchesTheTwoByTwoClosedFormForNonCommutingCovariances() {
        double[][] s1 = {{2.0, 0.9}, {0.9, 1.0}};
        double[][] s2 = {{0.5, -0.3}, {-0.3, 1.5}};
        double[] m1 = {0.3, -1};
        double[] m2 = {1.2, 0.4};
        double trProd = s1[0][0] * s2[0][0] + s1[0][1] * s2[1][0] + s1[1][0] * s2[0][1] + s1[1][1] * s2[1][1];
        double det = (s1[0][0] * s1[1][1] - s1[0][1] * s1[1][0]) * (s2[0][0] * s2[1][1] - s2[0][1] * s2[1][0]);
        double expected = Math.pow(m1[0] - m2[0], 2) + Math.pow(m1[1] - m2[1], 2) + s1[0][0] + s1[1][1] + s2[0][0]
            + s2[1][1] - 2 * Math.sqrt(trProd + 2 * Math.sqrt(det));
        assertEquals(expected, FrechetDistance.of(m1, s1, m2, s2, 0), 1e-9 * expected);
    }

    @Test
    void diagonalCovariancesGiveTheSumOfSquaredRootDifferences() {
        double[] a = {1, 4, 9, 0.25, 2};
        double[] b = {4, 1, 1, 1, 2};
        double expected = 0;
        var s1 = new double[5][5];
        var s2 = new double[5][5];
        for (int i = 0; i < 5; i++) {
            s1[i][i] = a[i];
            s2[i][i] = b[i];
            expected += Math.pow(Math.sqrt(a[i]) - Math.sqrt(b[i]), 2);
        }
        assertEquals(expected, FrechetDistance.of(new double[5], s1, new double[5], s2, 0), 1e-9 * expected);
    }

    @Test
    void matchesAnIndependentComputationInHigherDimensionsAndForSingularCovariances() {
        var rnd = new Random(1);
        for (int d : new int[]{3, 8, 20}) {
            for (int rank : new int[]{d, 1}) {
                var s1 = randomCov(d, d, rnd);
                var s2 = randomCov(d, rank, rnd);
                var m1 = randomVector(d, rnd);
                var m2 = randomVector(d, rnd);
                double expected = rank == 1 ? rankOne(m1, s1, m2, s2, rnd) : independent(m1, s1, m2, s2);
                assertEquals(expected, FrechetDistance.of(m1, s1, m2, s2, 0), 1e-9 * expected, "d=" + d + " rank=" + rank);
            }
        }
    }

    /** Σ2 = v·vᵀ (rebuilt here): tr((Σ1^½·v·vᵀ·Σ1^½)^½) = √(vᵀΣ1v), the one non-zero eigenvalue's root. */
    static double rankOne(final double[] m1, final double[][] s1, final double[] m2, final double[][] s2,
        final Random unused) {
        int d = m1.length;
        // recover v from the rank-one matrix: v = column k / √(Σ2_kk) for the largest diagonal entry
        int k = 0;
        for (int i = 1; i < d; i++) {
            if (s2[i][i] > s2[k][k]) {
                k = i;
            }
        }
        var v = new double[d];
        for (int i = 0; i < d; i++) {
            v[i] = s2[i][k] / Math.sqrt(s2[k][k]);
        }
        double quad = 0;
        double tr1 = 0;
        double tr2 = 0;
        double mean = 0;
        for (int i = 0; i < d; i++) {
            tr1 += s1[i][i];
            tr2 += s2[i][i];
            mean += (m1[i] - m2[i]) * (m1[i] - m2[i]);
            for (int j = 0; j < d; j++) {
                quad += v[i] * s1[i][j] * v[j];
            }
        }
        return mean + tr1 + tr2 - 2 * Math.sqrt(quad);
    }

    /** tr((Σ1Σ2)^½) = Σ √λ_i(Σ1Σ2): eigenvalues of a non-symmetric product, here via Σ1 = LLᵀ and LᵀΣ2L. */
    static double independent(final double[] m1, final double[][] s1, final double[] m2, final double[][] s2) {
        var a = new Array2DRowRealMatrix(s1);
        var b = new Array2DRowRealMatrix(s2);
        var l = new CholeskyDecomposition(a).getL();
        var eig = new EigenDecomposition(l.transpose().multiply(b).multiply(l)).getRealEigenvalues();
        double root = 0;
        for (double ev : eig) {
            root += Math.sqrt(Math.max(ev, 0));
        }
        double mean = 0;
        for (int i = 0; i < m1.length; i++) {
            mean += (m1[i] - m2[i]) * (m1[i] - m2[i]);
        }
        return mean + a.getTrace() + b.getTrace() - 2 * root;
    }

    static double[][] randomCov(final int d, final int rank, final Random rnd) {
        var f = new double[d][rank];
        for (var row : f) {
            for (int k = 0; k < rank; k++) {
                row[k] = rnd.nextGaussian();
            }
        }
        var c = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < rank; k++) {
                    c[i][j] += f[i][k] * f[j][k] / rank;
                }
            }
            if (rank == d) {
                c[i][i] += 0.1;
            }
        }
        return c;
    }

    static double[] randomVector(final int d, final Random rnd) {
        var v = new double[d];
        for (int i = 0; i < d; i++) {
            v[i] = rnd.nextGaussian();
        }
        return v;
    }

    static double[][] sample(final int n, final double[] mean, final double[][] cov, final Random rnd) {
        int d = mean.length;
        var l = new CholeskyDecomposition(new Array2DRowRealMatrix(cov)).getL().getData();
        var out = new double[n][d];
        var z = new double[d];
        for (int s = 0; s < n; s++) {
            for (int k = 0; k < d; k++) {
                z[k] = rnd.nextGaussian();
            }
            for (int i = 0; i < d; i++) {
                double v = mean[i];
                for (int k = 0; k <= i; k++) {
                    v += l[i][k] * z[k];
                }
                out[s][i] = v;
            }
        }
        return out;
    }

    @Test
    void fromSamplesItConvergesToTheClosedForm() {
        var rnd = new Random(2);
        int d = 4;
        var s1 = randomCov(d, d, rnd);
        var s2 = randomCov(d, d, rnd);
        var m1 = randomVector(d, rnd);
        var m2 = new double[d];
        double exact = FrechetDistance.of(m1, s1, m2, s2, 0);
        double previous = Double.POSITIVE_INFINITY;
        for (int n : new int[]{300, 3000, 30000}) {
            double err = 0;
            for (int rep = 0; rep < 5; rep++) {
                err += Math.abs(FrechetDistance.between(sample(n, m1, s1, rnd), sample(n, m2, s2, rnd)) - exact) / 5;
            }
            assertTrue(err < previous, "error must shrink with n: " + err + " at n=" + n + " after " + previous);
            previous = err;
        }
        // sampling error of the mean term alone is about 2·√(Δμᵀ(Σ1+Σ2)Δμ/n) ≈ a few percent of d² at n = 30,000
        assertTrue(previous < 0.03 * exact, "error " + previous + " of " + exact);
    }

    @Test
    void zeroForIdenticalSetsSymmetricAndRowOrderInvariant() {
        var rnd = new Random(3);
        var x = sample(500, new double[]{0, 1, 2}, randomCov(3, 3, rnd), rnd);
        var y = sample(400, new double[]{1, 1, 0}, randomCov(3, 3, rnd), rnd);
        assertEquals(0, FrechetDistance.between(x, x), 1e-9);
        double xy = FrechetDistance.between(x, y);
        assertEquals(xy, FrechetDistance.between(y, x), 1e-9 * xy);
        var shuffled = x.clone();
        java.util.Collections.shuffle(java.util.Arrays.asList(shuffled), rnd);
        assertEquals(xy, FrechetDistance.between(shuffled, y), 1e-9 * xy);
    }
}
