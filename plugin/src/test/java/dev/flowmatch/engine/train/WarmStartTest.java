package dev.flowmatch.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import dev.flowmatch.engine.chem.PointCloud;
import dev.flowmatch.engine.model.ConditionInput;
import dev.flowmatch.engine.model.ModelConfig;
import dev.flowmatch.engine.model.NeuralVelocityField;

/**
 * Fine-tuning from a trained model ({@link WarmStart}): an unconditional model of the two clusters of
 * {@link ConditioningTest} becomes a conditional one. Before the first step the new network is the old one for
 * every condition (the condition map starts at zero); a short fine-tune learns to sample the requested cluster;
 * networks or representations that differ are refused by what differs.
 */
class WarmStartTest {

    static final ModelConfig ARCHITECTURE = new ModelConfig(3, 32, 2, 4, 2, 16, ModelConfig.Conditioning.ADALN,
        false);

    static final List<PointCloud> TRAIN = ConditioningTest.clusters(64, 1);

    static final Representation REPRESENTATION = Representation.of(List.of("C", "N", "O"), true, TRAIN, Double.NaN,
        1.0);

    static final Conditions CONDITIONS = Conditions.of(List.of("oxygen score"), List.of("a.u."),
        ConditioningTest.property(TRAIN), 0.1);

    static FlowModel s_base;

    @TempDir
    static Path s_dir;

    @BeforeAll
    static void trainBase() {
        try (var t = new Trainer(REPRESENTATION, ARCHITECTURE, TrainingConfig.defaults(300).withBatch(16, 3e-3, 7), 0,
            Device.cpu())) {
            t.train(TrainingData.of(TRAIN, List.of()), TrainingListener.none());
            s_base = FlowModel.of(t, "", Device.cpu());
        }
    }

    @AfterAll
    static void close() {
        s_base.close();
    }

    static Trainer conditionalTrainer(final int steps) {
        return new Trainer(REPRESENTATION, ARCHITECTURE.withConditions(1), TrainingConfig.defaults(steps)
            .withBatch(16, 3e-3, 5).withSeed(9), 0, Device.cpu(), CONDITIONS);
    }

    private static float[] velocity(final FlowModel m, final NDArray x, final NDArray cond, final double t) {
        var mask = x.getManager().ones(new Shape(x.getShape().get(0), x.getShape().get(1)));
        var field = new NeuralVelocityField(m.network(), m.training().path().path(),
            m.training().path().parametrization(), m.training().typeLoss(), 1.0, mask);
        return (cond == null ? field : field.conditionedOn(cond, 0)).velocity(x, t).toFloatArray();
    }

    @Test
    void beforeTheFirstStepTheFineTunedNetworkIsTheBaseForEveryCondition() {
        try (var t = conditionalTrainer(10); NDManager m = NDManager.newBaseManager()) {
            WarmStart.from(s_base, t);
            try (var start = FlowModel.of(t, "", Device.cpu())) { // the moving average restarted at the copy
                var rng = new Random(3);
                var xv = new float[2 * 3 * 6];
                for (int i = 0; i < xv.length; i++) {
                    xv[i] = (float)rng.nextGaussian();
                }
                var x = m.create(xv, new Shape(2, 3, 6));
                for (double time : new double[] {0.1, 0.8}) {
                    var expected = velocity(s_base, x, null, time);
                    for (var values : new float[][][] {{{1.5f}, {-1f}}, {{-3f}, {0f}}}) {
                        assertArrayEquals(expected, velocity(start, x, ConditionInput.of(m, values, 1), time), 1e-6f);
                    }
                    assertArrayEquals(expected, velocity(start, x, ConditionInput.none(m, 2, 1), time), 1e-6f);
                }
            }
        }
    }

    @Test
    void aShortFineTuneLearnsToSampleTheRequestedCluster() throws Exception {
        var data = TrainingData.of(TRAIN, List.of()).withConditions(ConditioningTest.property(TRAIN), new double[0][]);
        try (var t = conditionalTrainer(200)) {
            WarmStart.from(s_base, t);
            t.train(data, TrainingListener.none());
            try (var tuned = FlowModel.of(t, "", Device.cpu())) {
                // the card keeps the history, also through a checkpoint and the model file
                assertTrue(tuned.describe().contains("Training: 200 steps fine-tuned from a model trained 300 steps on"
                    + " 64 molecules"), tuned.describe());
                var checkpoint = s_dir.resolve("fine-tune.zip");
                Checkpoint.save(t, checkpoint);
                try (var resumed = Checkpoint.load(checkpoint, Device.cpu())) {
                    assertEquals(t.m_startedFrom, resumed.m_startedFrom);
                }
                var file = s_dir.resolve("fine-tuned.fmz");
                tuned.save(file);
                try (var loaded = FlowModel.load(file, Device.cpu())) {
                    assertEquals(tuned.summary().startedFrom(), loaded.summary().startedFrom());
                }
                double oxygen = ConditioningTest.oxygenShare(tuned, 10, 0);
                double carbon = ConditioningTest.oxygenShare(tuned, 0, 0);
                assertTrue(oxygen > 0.8 && carbon < 0.2, "oxygen share asking for 10: " + oxygen + ", for 0: "
                    + carbon);
            }
        }
    }

    @Test
    void whatDiffersIsNamed() {
        try (var wider = new Trainer(REPRESENTATION, new ModelConfig(3, 48, 2, 4, 2, 16,
            ModelConfig.Conditioning.ADALN, false), TrainingConfig.defaults(1), 0, Device.cpu())) {
            var e = assertThrows(IllegalArgumentException.class, () -> WarmStart.from(s_base, wider));
            assertTrue(e.getMessage().startsWith("Cannot fine-tune from this model: its network is")
                && e.getMessage().contains("width=32") && e.getMessage().contains("width=48"), e.getMessage());
        }
        var otherTypes = Representation.of(List.of("C", "N", "F"), true, TRAIN, Double.NaN, 1.0);
        try (var t = new Trainer(otherTypes, ARCHITECTURE, TrainingConfig.defaults(1), 0, Device.cpu())) {
            var e = assertThrows(IllegalArgumentException.class, () -> WarmStart.from(s_base, t));
            assertTrue(e.getMessage().contains("its atom vocabulary is [C, N, O], the training data's [C, N, F]"),
                e.getMessage());
        }
        try (var t = conditionalTrainer(2)) {
            t.train(TrainingData.of(TRAIN, List.of()).withConditions(ConditioningTest.property(TRAIN),
                new double[0][]), TrainingListener.none(), 1);
            var e = assertThrows(IllegalStateException.class, () -> WarmStart.from(s_base, t));
            assertTrue(e.getMessage().contains("has taken 1"), e.getMessage());
        }
    }
}
