package dev.flowmatch.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import dev.flowmatch.engine.compute.ManagedTorchTest;
import dev.flowmatch.engine.compute.TorchRuntime;

/** AdamW, clipping and EMA against their formulas computed by hand in double precision. */
class OptimizerTest extends ManagedTorchTest {

    private static Parameter parameter(final float[] values, final Shape shape) {
        var p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).optShape(null).build();
        var a = s_manager.create(values, shape);
        a.setRequiresGradient(true);
        p.setArray(a);
        return p;
    }

    /** Loss Σ c_i·w_i² so the gradient is 2·c_i·w_i. */
    private static void backward(final Parameter p, final float[] c) {
        try (var scope = s_manager.newSubManager(); var gc = TorchRuntime.engine().newGradientCollector()) {
            var w = p.getArray();
            var loss = w.square().mul(scope.create(c, w.getShape())).sum();
            gc.backward(loss);
        }
    }

    @Test
    void twoAdamWStepsMatchTheFormulaWithClippingAndDecay() {
        float[] w0 = {0.5f, -1.0f, 2.0f, 0.25f};
        float[] c = {1f, 3f, -0.5f, 2f};
        var p = parameter(w0.clone(), new Shape(2, 2));
        var adam = new AdamW(List.of(p), s_manager);
        double lr = 0.1;
        double wd = 0.01;
        double clip = 1.0;
        double[] w = {0.5, -1.0, 2.0, 0.25};
        double[] m = new double[4];
        double[] v = new double[4];
        for (int step = 1; step <= 2; step++) {
            backward(p, c);
            double[] g = new double[4];
            double norm = 0;
            for (int i = 0; i < 4; i++) {
                g[i] = 2 * c[i] * w[i];
                norm += g[i] * g[i];
            }
            norm = Math.sqrt(norm);
            double reported = adam.step(step, lr, wd, clip);
            assertEquals(norm, reported, 1e-5 * norm);
            double scale = norm > clip ? clip / (norm + 1e-6) : 1;
            for (int i = 0; i < 4; i++) {
                double gi = g[i] * scale;
                m[i] = 0.9 * m[i] + 0.1 * gi;
                v[i] = 0.999 * v[i] + 0.001 * gi * gi;
                double mh = m[i] / (1 - Math.pow(0.9, step));
                double vh = v[i] / (1 - Math.pow(0.999, step));
                w[i] = w[i] * (1 - lr * wd) - lr * mh / (Math.sqrt(vh) + 1e-8);
            }
            var got = p.getArray().toFloatArray();
            for (int i = 0; i < 4; i++) {
                assertEquals(w[i], got[i], 1e-5, "step " + step + " weight " + i);
            }
            try (var grad = p.getArray().getGradient()) {
                assertEquals(0f, grad.abs().sum().getFloat(), "gradient zeroed after the step");
            }
        }
    }

    @Test
    void vectorsAreNotDecayedAndDivergenceIsReported() {
        var p = parameter(new float[]{1f, 1f}, new Shape(2));
        var adam = new AdamW(List.of(p), s_manager);
        backward(p, new float[]{0f, 0f}); // zero gradient: only decay could move the weights
        adam.step(1, 0.1, 0.5, 0);
        assertEquals(1f, p.getArray().toFloatArray()[0], 0f);
        backward(p, new float[]{Float.POSITIVE_INFINITY, 0f});
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
            () -> adam.step(2, 0.1, 0, 0));
        assertTrue(e.getMessage().contains("diverged at step 2"), e.getMessage());
        // the message names the parameter whose gradient went bad (here infinite, not NaN)
        assertTrue(e.getMessage().contains("(infinity in w (2))"), e.getMessage());
    }

    @Test
    void emaFollowsTheWarmedUpDecay() {
        var p = parameter(new float[]{0f}, new Shape(1));
        var ema = new Ema(List.of(p), s_manager, 0.9);
        p.getArray().addi(1); // weight jumps to 1
        ema.update(1); // decay min(0.9, 2/11)
        double d = 2.0 / 11;
        assertEquals(1 - d, ema.weights().get(0).toFloatArray()[0], 1e-6);
    }

    @Test
    void learningRateWarmsUpLinearlyThenDecaysByCosineToZero() {
        var cfg = TrainingConfig.defaults(110).withBatch(8, 1e-3, 10);
        assertEquals(1e-3 / 11, cfg.learningRateAt(0), 1e-12);
        assertEquals(1e-3 * 10 / 11, cfg.learningRateAt(9), 1e-12);
        assertEquals(1e-3, cfg.learningRateAt(10), 1e-12);
        assertEquals(0.5e-3, cfg.learningRateAt(60), 1e-12);
        assertEquals(0, cfg.learningRateAt(110), 1e-12);
    }
}
