package dev.flowmatch.engine.flow.solver;

import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDArray;
import dev.flowmatch.engine.flow.VectorField;

/**
 * An explicit Runge–Kutta method: stages k_i = u(x + h·Σ_j a_ij·k_j, t + c_i·h), step x + h·Σ_i b_i·k_i.
 *
 * @param name for logs
 * @param order convergence order p (global error ∝ h^p)
 * @param a lower-triangular stage weights (row i has i entries)
 * @param b step weights
 * @param c stage times
 */
public record ButcherTableau(String name, int order, double[][] a, double[] b, double[] c) {

    public static final ButcherTableau EULER = new ButcherTableau("euler", 1, new double[][]{{}}, new double[]{1},
        new double[]{0});

    public static final ButcherTableau MIDPOINT = new ButcherTableau("midpoint", 2, new double[][]{{}, {0.5}},
        new double[]{0, 1}, new double[]{0, 0.5});

    /** Heun's method (explicit trapezoid). */
    public static final ButcherTableau HEUN = new ButcherTableau("heun", 2, new double[][]{{}, {1}},
        new double[]{0.5, 0.5}, new double[]{0, 1});

    /** The classic fourth-order method. */
    public static final ButcherTableau RK4 = new ButcherTableau("rk4", 4,
        new double[][]{{}, {0.5}, {0, 0.5}, {0, 0, 1}}, new double[]{1 / 6.0, 1 / 3.0, 1 / 3.0, 1 / 6.0},
        new double[]{0, 0.5, 0.5, 1});

    public int stages() {
        return b.length;
    }

    /** @return whether a stage evaluates the field at the step's end time (c_i = 1) */
    public boolean evaluatesAtEnd() {
        for (double ci : c) {
            if (ci == 1) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param first k_1 if already known (first-same-as-last), else null
     * @return the stages k_1..k_s, in x's manager
     */
    List<NDArray> stages(final VectorField field, final NDArray x, final double t, final double h, final NDArray first) {
        var k = new ArrayList<NDArray>(stages());
        for (int i = 0; i < stages(); i++) {
            if (i == 0 && first != null) {
                k.add(first);
                continue;
            }
            k.add(field.velocity(combine(x, h, a[i], k), t + c[i] * h));
        }
        return k;
    }

    /** @return x + h·Σ_j w_j·k_j (skipping zero weights) */
    static NDArray combine(final NDArray x, final double h, final double[] w, final List<NDArray> k) {
        NDArray s = x;
        for (int j = 0; j < w.length; j++) {
            if (w[j] != 0) {
                s = s.add(k.get(j).mul(h * w[j]));
            }
        }
        return s;
    }
}
