package dev.flowmatch.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.Device;
import ai.djl.ndarray.types.Shape;
import dev.flowmatch.engine.flow.solver.FixedStepSolver;
import dev.flowmatch.engine.flow.solver.TimeGrid;
import dev.flowmatch.engine.model.Geometry;
import dev.flowmatch.engine.model.NeuralVelocityField;

/**
 * Self-conditioning through training, the model file and sampling: the field feeds each evaluation the
 * estimate of the previous one, so evaluating twice at the same state differs for a self-conditioned model and
 * not for another.
 */
class SelfConditioningTest {

    @Test
    void theFieldCarriesItsEstimateAndTheFileRecordsIt(@TempDir final Path dir) throws Exception {
        for (boolean on : new boolean[]{false, true}) {
            var arch = TrainerTest.architecture().withGeometry(new Geometry(1, true, Geometry.CoordinateHead.BOTH,
                true)).withSelfConditioning(on);
            var file = dir.resolve("model-" + on + ".fmz");
            try (var t = new Trainer(TrainerTest.representation(), arch, TrainerTest.config(12).withEma(0), 0,
                Device.cpu())) {
                t.train(TrainerTest.data(new AtomicInteger()), TrainingListener.none());
                assertTrue(Double.isFinite(t.validationMetrics().get(t.validationMetrics().size() - 1).loss()));
                try (var m = FlowModel.of(t, "", Device.cpu())) {
                    m.save(file);
                }
            }
            try (var m = FlowModel.load(file, Device.cpu()); var scope = ai.djl.ndarray.NDManager.newBaseManager()) {
                assertEquals(on, m.architecture().selfConditioning());
                var mask = scope.ones(new Shape(2, 4));
                var x = m.representation().layout().noise(mask, new Random(3));
                var field = new NeuralVelocityField(m.network(), m.training().path().path(),
                    m.training().path().parametrization(), m.training().typeLoss(),
                    m.representation().layout().typeScale(), mask);
                var first = field.velocity(x, 0.5);
                var second = field.velocity(x, 0.5);
                double diff = first.sub(second).abs().max().getFloat();
                if (on) {
                    assertTrue(diff > 1e-4, "the second evaluation did not read the first one's estimate: " + diff);
                } else {
                    assertEquals(0, diff, 0, "a plain field is a function of (x, t)");
                }
                var g = m.generate(new int[]{3, 5}, FixedStepSolver.heun(), TimeGrid.uniform(4), 1, 2);
                assertEquals(5, g.clouds().get(1).size());
            }
        }
    }
}
