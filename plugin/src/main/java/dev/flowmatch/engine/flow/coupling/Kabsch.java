package dev.flowmatch.engine.flow.coupling;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * The rotation R (proper, det = +1) minimising Σ_i ‖R·a_i − b_i‖² over point pairs, from the SVD of the
 * 3×3 cross-covariance H = Σ_i a_i·b_iᵀ (Kabsch 1976), with the sign fix that excludes reflections.
 * Rotation about the origin: centre both sets first when translation should not count.
 */
public final class Kabsch {

    private Kabsch() {
    }

    /**
     * @param a points x0 y0 z0 x1 ... (the set to rotate)
     * @param b target points, same layout
     * @param n number of points to use (the first n)
     * @return row-major 3×3 rotation
     */
    public static double[] rotation(final float[] a, final float[] b, final int n) {
        var h = new double[3][3];
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    h[r][c] += (double)a[3 * i + r] * b[3 * i + c];
                }
            }
        }
        var svd = new SingularValueDecomposition(new Array2DRowRealMatrix(h, false));
        var u = svd.getU();
        var v = svd.getV();
        // R = V·diag(1, 1, d)·Uᵀ with d = sign(det(V·Uᵀ))
        var vut = v.multiply(u.transpose());
        double d = Math.signum(new org.apache.commons.math3.linear.LUDecomposition(vut).getDeterminant());
        var r = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double s = 0;
                for (int k = 0; k < 3; k++) {
                    s += v.getEntry(i, k) * (k == 2 ? (d == 0 ? 1 : d) : 1) * u.getEntry(j, k);
                }
                r[3 * i + j] = s;
            }
        }
        return r;
    }

    /** @return the RMSD between R·a and b over the first n points */
    public static double rmsd(final double[] r, final float[] a, final float[] b, final int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 3; k++) {
                double x = r[3 * k] * a[3 * i] + r[3 * k + 1] * a[3 * i + 1] + r[3 * k + 2] * a[3 * i + 2];
                double d = x - b[3 * i + k];
                s += d * d;
            }
        }
        return n == 0 ? 0 : Math.sqrt(s / n);
    }
}
