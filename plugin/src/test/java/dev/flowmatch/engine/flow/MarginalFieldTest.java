package dev.flowmatch.engine.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.flowmatch.engine.compute.ManagedTorchTest;
import dev.flowmatch.engine.flow.path.CondOtScheduler;
import dev.flowmatch.engine.flow.path.CosineScheduler;
import dev.flowmatch.engine.flow.path.Scheduler;
import dev.flowmatch.engine.flow.solver.SolverKind;

/** The finite-data marginal field against an independent double-precision implementation and limits. */
class MarginalFieldTest extends ManagedTorchTest {

    /** u_t(x) = Σ_i w_i·u_t(x | x1_i) written out directly from the definition, in plain Java. */
    static double[] reference(final Scheduler s, final double[][] data, final double[] x, final double t) {
        var c = s.at(t);
        int m = data.length;
        var logw = new double[m];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < m; i++) {
            double d2 = 0;
            for (int k = 0; k < x.length; k++) {
                double d = x[k] - c.alpha() * data[i][k];
                d2 += d * d;
            }
            logw[i] = -d2 / (2 * c.sigma() * c.sigma());
            max = Math.max(max, logw[i]);
        }
        double z = 0;
        for (int i = 0; i < m; i++) {
            z += Math.exp(logw[i] - max);
        }
        var u = new double[x.length];
        for (int i = 0; i < m; i++) {
            double w = Math.exp(logw[i] - max) / z;
            for (int k = 0; k < x.length; k++) {
                double eps = (x[k] - c.alpha() * data[i][k]) / c.sigma();
                u[k] += w * (c.dAlpha() * data[i][k] + c.dSigma() * eps);
            }
        }
        return u;
    }

    @Test
    void matchesTheDefinitionComputedIndependently() {
        var rnd = new Random(1);
        var data = new double[7][6];
        for (var row : data) {
            for (int k = 0; k < row.length; k++) {
                row[k] = rnd.nextGaussian() * 0.7;
            }
        }
        var flat = new double[42];
        for (int i = 0; i < 7; i++) {
            System.arraycopy(data[i], 0, flat, 6 * i, 6);
        }
        for (Scheduler s : new Scheduler[]{new CondOtScheduler(0), new CosineScheduler()}) {
            var field = MarginalField.of(s, s_manager.create(flat, new Shape(7, 2, 3))).field();
            for (double t : new double[]{0.0, 0.3, 0.8, 0.97}) {
                var x = new double[5 * 6];
                for (int k = 0; k < x.length; k++) {
                    x[k] = rnd.nextGaussian();
                }
                var v = field.velocity(s_manager.create(x, new Shape(5, 2, 3)), t).toDoubleArray();
                for (int b = 0; b < 5; b++) {
                    var ref = reference(s, data, java.util.Arrays.copyOfRange(x, 6 * b, 6 * b + 6), t);
                    for (int k = 0; k < 6; k++) {
                        assertEquals(ref[k], v[6 * b + k], 1e-9 * (1 + Math.abs(ref[k])), s.describe() + " t=" + t);
                    }
                }
            }
        }
    }

    @Test
    void oneDataPointGivesTheConditionalField() {
        var x1 = s_manager.create(new double[]{1, 2, 3}, new Shape(1, 3));
        var field = MarginalField.of(new CondOtScheduler(0), x1).field();
        var x = s_manager.create(new double[]{0, 0, 0, -1, 5, 2}, new Shape(2, 3));
        // CondOT: u_t(x | x1) = (x1 − x)/(1 − t)
        var v = field.velocity(x, 0.5).toDoubleArray();
        double[] expected = {2, 4, 6, 4, -6, 2};
        for (int k = 0; k < 6; k++) {
            assertEquals(expected[k], v[k], 1e-12);
        }
    }

    @Test
    void masksRestrictTheDataToMoleculesOfTheSameSizeAndKeepPaddingAtZero() {
        // two "molecules": 2 atoms and 3 atoms, padded to N = 3
        var data = s_manager.create(new float[]{1, 0, 0, -1, 0, 0, 9, 9, 9, 0, 2, 0, 0, -1, 0, 0, -1, 1},
            new Shape(2, 3, 3));
        var dataMask = s_manager.create(new float[]{1, 1, 0, 1, 1, 1}, new Shape(2, 3));
        var mf = MarginalField.of(new CondOtScheduler(0), data, dataMask);
        var queryMask = s_manager.create(new float[]{1, 1, 0}, new Shape(1, 3));
        var x = s_manager.create(new float[]{0, 1.5f, 0, 0, -1, 0, 0, 0, 0}, new Shape(1, 3, 3));
        // closer to molecule 2's first atoms, but only molecule 1 has 2 atoms: the flow goes there
        var sol = SolverKind.RK4.create().integrate(mf.field(queryMask), x, SolverKind.RK4.defaultGrid());
        var end = sol.x().toFloatArray();
        float[] expected = {1, 0, 0, -1, 0, 0, 0, 0, 0};
        for (int k = 0; k < 9; k++) {
            assertEquals(expected[k], end[k], 2e-3, "coordinate " + k);
        }
        var four = s_manager.create(new float[]{1, 1, 1}, new Shape(1, 3));
        var twoOnly = MarginalField.of(new CondOtScheduler(0), data.get("0:1"), dataMask.get("0:1"));
        var e = assertThrows(IllegalArgumentException.class, () -> twoOnly.field(four));
        assertTrue(e.getMessage().contains("3 atoms"), e.getMessage());
    }

    @Test
    void noiseIsCarriedOntoTrainingPoints() {
        var rnd = new Random(2);
        var data = new GaussianPrior(true).sample(s_manager, new Shape(5, 4, 3), rnd);
        var field = MarginalField.of(new CondOtScheduler(0), data).field();
        var x0 = new GaussianPrior(false).sample(s_manager, new Shape(64, 4, 3), rnd);
        var end = SolverKind.DOPRI5.create().integrate(field, x0, SolverKind.DOPRI5.defaultGrid()).x();
        // distance of every sample to its nearest training point
        var d = end.expandDims(1).sub(data.expandDims(0)).square().sum(new int[]{2, 3}).min(new int[]{1}).sqrt();
        assertTrue(d.max().getFloat() < 1e-3, "max distance to the nearest training point " + d.max().getFloat());
    }

    @Test
    void evaluationsLeaveNothingBehind() {
        var data = new GaussianPrior(false).sample(s_manager, new Shape(10, 6), new Random(3));
        var field = MarginalField.of(new CondOtScheduler(0), data).field();
        try (var m = s_manager.newSubManager()) {
            var x = m.randomNormal(new Shape(8, 6));
            int before = m.getManagedArrays().size();
            for (int i = 0; i < 20; i++) {
                field.velocity(x, i / 20.0).close();
            }
            assertEquals(before, m.getManagedArrays().size());
            assertEquals(DataType.FLOAT32, field.velocity(x, 0.5).getDataType());
            var e = assertThrows(IllegalArgumentException.class, () -> field.velocity(m.zeros(new Shape(2, 5)), 0.5));
            assertTrue(e.getMessage().contains("(2, 6)"), e.getMessage());
        }
    }
}
