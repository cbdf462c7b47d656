package dev.flowmatch.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import ai.djl.Device;
import ai.djl.ndarray.types.Shape;
import dev.flowmatch.engine.compute.TorchRuntime;

/** The alignment loss on cases with a known answer, and at a zero projection, where √ has no finite slope. */
class RepaLossTest {

    private static final RepaLoss COSINE = new RepaLoss(RepaLoss.Kind.NEGATIVE_COSINE, 0.5, 1);

    @Test
    void negativeCosineOfThePooledProjectionOverTheSamplesInTheWindow() {
        try (var m = TorchRuntime.newManager(Device.cpu())) {
            // sample 1: every real atom projects to (1, 0, 0); sample 2: (0, 2, 0) on its one real atom
            var projected = m.create(new float[]{1, 0, 0, 1, 0, 0, 0, 2, 0, 7, 7, 7}, new Shape(2, 2, 3));
            var mask = m.create(new float[]{1, 1, 1, 0}, new Shape(2, 2));
            var target = m.create(new float[]{2, 0, 0, 3, 0, 0}, new Shape(2, 3)); // parallel, orthogonal
            var both = COSINE.compute(projected, target, mask, new double[]{0.6, 0.9});
            assertEquals(2, both.inWindow());
            assertEquals(0.5, both.cosine(), 1e-6, "mean of cos 1 and cos 0; padding is not pooled");
            assertEquals(-0.5, both.loss().getFloat(), 1e-6);
            var first = COSINE.compute(projected, target, mask, new double[]{0.6, 0.2});
            assertEquals(1, first.inWindow());
            assertEquals(-1, first.loss().getFloat(), 1e-6, "the sample at t 0.2 is outside [0.5, 1]");
        }
    }

    @Test
    void aZeroProjectionHasAFiniteGradient() {
        try (var m = TorchRuntime.newManager(Device.cpu())) {
            var projected = m.zeros(new Shape(2, 3, 4));
            projected.setRequiresGradient(true);
            var target = m.create(new float[]{1, -2, 0.5f, 3, 0, 1, 1, -1}, new Shape(2, 4));
            var mask = m.ones(new Shape(2, 3));
            float[] grad = TorchRuntime.collectGradients(c -> {
                var r = COSINE.compute(projected, target, mask, new double[]{0.7, 0.9});
                c.backward(r.loss());
                return projected.getGradient().toFloatArray();
            });
            for (float g : grad) {
                assertTrue(Float.isFinite(g), "gradient " + java.util.Arrays.toString(grad));
            }
        }
    }
}
