package dev.flowmatch.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.Device;
import dev.flowmatch.engine.chem.PointCloud;
import dev.flowmatch.engine.compute.TorchRuntime;
import dev.flowmatch.engine.model.ModelConfig;
import dev.flowmatch.engine.model.TinyClouds;

/** Reproducibility, resumption, REPA switching, cancellation and memory of the training loop. */
class TrainerTest {

    static final List<PointCloud> CLOUDS = TinyClouds.of(12, 7);

    static Representation representation() {
        return Representation.of(List.of("C", "N", "O"), true, CLOUDS, Double.NaN, 1.0);
    }

    static ModelConfig architecture() {
        return new ModelConfig(3, 16, 2, 2, 2, 8, ModelConfig.Conditioning.ADALN, true);
    }

    static TrainingConfig config(final int steps) {
        return TrainingConfig.defaults(steps).withBatch(8, 2e-3, 3).withValidation(5);
    }

    static TrainingData data(final AtomicInteger targetCalls) {
        return new TrainingData(CLOUDS.subList(0, 9), CLOUDS.subList(9, 12), () -> {
            targetCalls.incrementAndGet();
            return targets(9, 0);
        }, () -> {
            targetCalls.incrementAndGet();
            return targets(3, 9);
        });
    }

    /** Targets that depend on the molecule (its composition), so alignment is learnable. */
    static float[][] targets(final int n, final int offset) {
        var out = new float[n][4];
        for (int i = 0; i < n; i++) {
            for (int t : CLOUDS.get(offset + i).types()) {
                out[i][t] += 1;
            }
            out[i][3] = CLOUDS.get(offset + i).size();
        }
        return out;
    }

    static double[] losses(final Trainer t) {
        return t.stepMetrics().stream().mapToDouble(StepMetrics::loss).toArray();
    }

    @Test
    void sameSeedGivesIdenticalLossesAndAnotherSeedDoesNot() {
        var calls = new AtomicInteger();
        double[] a;
        double[] b;
        double[] c;
        try (var t = new Trainer(representation(), architecture(), config(12), 0, Device.cpu())) {
            t.train(data(calls), TrainingListener.none());
            a = losses(t);
        }
        try (var t = new Trainer(representation(), architecture(), config(12), 0, Device.cpu())) {
            t.train(data(calls), TrainingListener.none());
            b = losses(t);
        }
        try (var t = new Trainer(representation(), architecture(), config(12).withSeed(2), 0, Device.cpu())) {
            t.train(data(calls), TrainingListener.none());
            c = losses(t);
        }
        assertEquals(12, a.length);
        assertTrue(java.util.Arrays.equals(a, b), "same seed, different losses");
        assertFalse(java.util.Arrays.equals(a, c), "another seed gave the same losses");
        assertEquals(0, calls.get(), "REPA is off, yet its targets were computed");
    }

    /**
     * Input-coordinate noise moves only what the network sees in training: the first step's loss changes, the
     * validation loss of the untrained network (no noise there) does not, and the noise is recorded in the file.
     */
    @Test
    void inputNoiseChangesTrainingInputsOnly(@TempDir final Path dir) throws Exception {
        double[][] first = new double[2][];
        double[] validation = new double[2];
        var noisy = config(1).withInputNoise(0.3).withLossWeights(1, 0);
        var configs = new TrainingConfig[]{config(1).withLossWeights(1, 0), noisy};
        for (int k = 0; k < 2; k++) {
            try (var t = new Trainer(representation(), architecture(), configs[k], 0, Device.cpu())) {
                validation[k] = t.validate(data(new AtomicInteger())).loss(); // before any step
                t.train(data(new AtomicInteger()), TrainingListener.none());
                first[k] = losses(t);
                if (k == 1) {
                    try (var m = FlowModel.of(t, "", Device.cpu())) {
                        m.save(dir.resolve("noisy.fmz"));
                    }
                }
            }
        }
        assertEquals(validation[0], validation[1], 0, "validation sees clean inputs");
        assertFalse(first[0][0] == first[1][0], "the noisy step saw other inputs: " + first[0][0]);
        try (var m = FlowModel.load(dir.resolve("noisy.fmz"), Device.cpu())) {
            assertEquals(0.3, m.training().inputNoise(), 0);
        }
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> config(1).withInputNoise(-0.1));
        assertTrue(e.getMessage().contains("input coordinate noise"), e.getMessage());
    }

    @Test
    void resumedRunContinuesTheSameCurve(@TempDir final Path dir) throws Exception {
        var cfg = config(16).withRepa(RepaConfig.of(0.5, 1));
        double[] straight;
        try (var t = new Trainer(representation(), architecture(), cfg, 4, Device.cpu())) {
            t.train(data(new AtomicInteger()), TrainingListener.none());
            straight = losses(t);
        }
        var file = dir.resolve("run.ckpt");
        try (var t = new Trainer(representation(), architecture(), cfg, 4, Device.cpu())) {
            t.train(data(new AtomicInteger()), TrainingListener.none(), 7);
            Checkpoint.save(t, file);
        }
        try (var t = Checkpoint.load(file, Device.cpu())) {
            assertEquals(7, t.step());
            t.train(data(new AtomicInteger()), TrainingListener.none());
            var resumed = losses(t);
            assertEquals(9, resumed.length);
            for (int i = 0; i < 9; i++) {
                assertEquals(straight[7 + i], resumed[i], 0.0, "step " + (8 + i));
            }
        }
    }

    @Test
    void lambdaZeroComputesNothingOfRepaAndLambdaPositiveComputesTargetsOnce() {
        var calls = new AtomicInteger();
        try (var t = new Trainer(representation(), architecture(), config(6).withRepa(RepaConfig.of(0, 1)), 4,
            Device.cpu())) {
            t.train(data(calls), TrainingListener.none());
            assertNull(t.repaHead(), "a projector was built with λ = 0");
            assertTrue(t.stepMetrics().stream().allMatch(m -> Double.isNaN(m.repaLoss()) && Double.isNaN(m.cosine())));
            assertTrue(t.validationMetrics().stream().allMatch(v -> Double.isNaN(v.cosine())));
        }
        assertEquals(0, calls.get(), "targets computed with λ = 0");
        try (var t = new Trainer(representation(), architecture(), config(6).withRepa(RepaConfig.of(1, 1)), 4,
            Device.cpu())) {
            t.train(data(calls), TrainingListener.none());
            assertTrue(t.stepMetrics().stream().anyMatch(m -> !Double.isNaN(m.cosine())));
            assertFalse(Double.isNaN(t.validationMetrics().get(0).cosine()));
        }
        assertEquals(2, calls.get(), "training and validation targets are each computed once");
    }

    @Test
    void windowExcludesSamplesOutsideIt() {
        var cfg = config(6).withRepa(RepaConfig.of(1, 1).withWindow(0.999, 1));
        try (var t = new Trainer(representation(), architecture(), cfg, 4, Device.cpu())) {
            t.train(data(new AtomicInteger()), TrainingListener.none());
            // uniform t in a window of width 0.001: essentially no batch has a sample in it
            long with = t.stepMetrics().stream().filter(m -> !Double.isNaN(m.repaLoss())).count();
            assertTrue(with <= 1, with + " of 6 steps had REPA samples in [0.999, 1]");
        }
    }

    @Test
    void cancellationStopsBeforeTheNextStep() {
        var steps = new AtomicInteger();
        var listener = new TrainingListener() {
            @Override
            public void onStep(final StepMetrics m, final int total) {
                steps.incrementAndGet();
            }

            @Override
            public boolean isCancelled() {
                return steps.get() >= 3;
            }
        };
        try (var t = new Trainer(representation(), architecture(), config(50), 0, Device.cpu())) {
            var e = assertThrows(CancellationException.class, () -> t.train(data(new AtomicInteger()), listener));
            assertTrue(e.getMessage().contains("3 of 50"), e.getMessage());
            assertEquals(3, t.step());
        }
    }

    @Test
    void stepsDoNotAccumulateArraysAndTheLossFalls() {
        try (var t = new Trainer(representation(), architecture(), config(60).withValidation(0), 0, Device.cpu())) {
            var d = data(new AtomicInteger());
            t.train(d, TrainingListener.none(), 5);
            int before = arrays(t);
            t.train(d, TrainingListener.none(), 60);
            assertEquals(before, arrays(t), "the trainer's manager grew over 55 steps");
            var l = losses(t);
            double first = java.util.Arrays.stream(l, 0, 10).average().orElseThrow();
            double last = java.util.Arrays.stream(l, 50, 60).average().orElseThrow();
            assertTrue(last < first, "loss did not fall: " + first + " -> " + last);
            assertEquals(60, t.epochMetrics().stream().mapToInt(e -> 1).sum() * 2, "2 steps per epoch of 9 in 8s");
        }
    }

    private static int arrays(final Trainer t) {
        return t.m_manager.getManagedArrays().size();
    }

    @Test
    void settingsAreCheckedUpFront() {
        var e = assertThrows(IllegalArgumentException.class,
            () -> new Trainer(representation(), architecture(), config(5).withRepa(RepaConfig.of(1, 3)), 4, Device.cpu()));
        assertTrue(e.getMessage().contains("REPA layer 3"), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> TrainingConfig.defaults(5).withBatch(0, 1e-3, 0));
        assertTrue(e2.getMessage().contains("batch size"), e2.getMessage());
        var big = new TrainingData(List.of(new PointCloud(new int[9], new float[27], "big one")), List.of(), null, null);
        try (var t = new Trainer(representation(), architecture(), config(2), 0, Device.cpu())) {
            var e3 = assertThrows(IllegalArgumentException.class, () -> t.train(big, TrainingListener.none()));
            assertTrue(e3.getMessage().contains("big one") && e3.getMessage().contains("maximum of 6"), e3.getMessage());
        }
        assertNotEquals(null, TorchRuntime.describe());
    }
}
