package dev.flowmatch.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.Device;
import dev.flowmatch.engine.chem.PointCloud;
import dev.flowmatch.engine.compute.ZipArchive;
import dev.flowmatch.engine.flow.solver.Dopri5Solver;
import dev.flowmatch.engine.flow.solver.FixedStepSolver;
import dev.flowmatch.engine.flow.solver.TimeGrid;
import dev.flowmatch.engine.train.TrainingConfig.TypeFlow;

/** TABASCO's objective beyond x1 prediction: discrete type flow and rotated copies of each molecule. */
class TabascoObjectiveTest {

    private static TrainingConfig discrete(final int steps) {
        return TrainerTest.config(steps).withEma(0).withTypeFlow(TypeFlow.DISCRETE, 1);
    }

    /** Each molecule of a step appears once per copy, and an epoch still visits every training molecule. */
    @Test
    void rotatedCopiesRepeatEachMoleculeOfTheStep() {
        var cfg = TrainerTest.config(4).withTypeFlow(TypeFlow.GAUSSIAN, 4);
        assertEquals(2, cfg.moleculesPerBatch());
        try (var t = new Trainer(TrainerTest.representation(), TrainerTest.architecture(), cfg, 0, Device.cpu())) {
            var data = TrainerTest.data(new AtomicInteger());
            var plan = t.plan(data);
            var seen = new java.util.TreeSet<Integer>();
            for (int s = 0; s < plan.stepsPerEpoch(); s++) {
                var idx = t.batchIndices(plan, s);
                var counts = new HashMap<Integer, Integer>();
                for (int i : idx) {
                    counts.merge(i, 1, Integer::sum);
                }
                assertTrue(counts.values().stream().allMatch(c -> c == 4), "copies per molecule: " + counts);
                seen.addAll(counts.keySet());
            }
            assertEquals(data.train().size(), seen.size(), "an epoch visits every molecule: " + seen);
        }
        var e = assertThrows(IllegalArgumentException.class,
            () -> TrainerTest.config(4).withTypeFlow(TypeFlow.GAUSSIAN, 3));
        assertTrue(e.getMessage().contains("divide the batch size 8"), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class,
            () -> TrainerTest.config(4).withAugmentation(false).withTypeFlow(TypeFlow.GAUSSIAN, 2));
        assertTrue(e2.getMessage().contains("rotation augmentation"), e2.getMessage());
    }

    /**
     * A model trained with discrete type flow on molecules made of type 1 only learns that posterior; sampling
     * starts from uniformly random types (2/3 of them not 1) and must end with every atom drawn from it.
     * Without the jumps the start's random types would survive; with the Gaussian path's conversion they would
     * be read from channels that never moved.
     */
    @Test
    void discreteTypeFlowSamplesFromTheLearnedPosterior(@TempDir final Path dir) throws Exception {
        var clouds = new ArrayList<PointCloud>();
        for (var c : TrainerTest.CLOUDS) {
            var ones = new int[c.size()];
            java.util.Arrays.fill(ones, 1);
            clouds.add(new PointCloud(ones, c.coords(), c.id()));
        }
        var data = new TrainingData(clouds.subList(0, 9), clouds.subList(9, 12), null, null);
        var representation = Representation.of(List.of("C", "N", "O"), true, clouds, Double.NaN, 1.0);
        try (var t = new Trainer(representation, TrainerTest.architecture(), discrete(80), 0, Device.cpu())) {
            t.train(data, TrainingListener.none());
            try (var m = FlowModel.of(t, "", Device.cpu())) {
                m.save(dir.resolve("discrete.fmz"));
            }
        }
        try (var m = FlowModel.load(dir.resolve("discrete.fmz"), Device.cpu())) {
            assertEquals(TypeFlow.DISCRETE, m.training().typeFlow(), "the file records the type flow");
            var g = m.generate(new int[]{3, 4, 5, 6, 5, 4, 3, 6}, FixedStepSolver.euler(), TimeGrid.uniform(20), 5,
                8);
            assertEquals(20, g.nfe(), "type jumps reuse the step's evaluation");
            int atoms = 0;
            int ones = 0;
            for (var c : g.clouds()) {
                for (int type : c.types()) {
                    atoms++;
                    ones += type == 1 ? 1 : 0;
                }
            }
            // the posterior of this small network is about 0.9 sure (its type loss ends near 0.035 in training, and
            // sampled coordinates are rougher than training's); left at the start's noise, a third would be type 1
            assertTrue(ones >= 0.8 * atoms, ones + " of " + atoms + " atoms have the only trained type");
            var e = assertThrows(IllegalArgumentException.class, () -> m.generate(new int[]{3},
                new Dopri5Solver(1e-3, 1e-3, 100), TimeGrid.endpoints(0, 1), 1, 1));
            assertTrue(e.getMessage().contains("discrete atom-type sampling needs a fixed-step solver"),
                e.getMessage());
            var e2 = assertThrows(IllegalArgumentException.class, () -> m.generate(new int[]{3},
                FixedStepSolver.euler(), TimeGrid.uniform(4), 1, 1, false, 1, new FlowModel.Langevin(0, 0.9, 1)));
            assertTrue(e2.getMessage().contains("turn the corrections off"), e2.getMessage());
        }
    }

    /** Model files written before these settings existed load with today's behaviour (Gaussian, one copy). */
    @Test
    void olderTrainingSettingsReadAsGaussianTypesAndOneCopy() {
        var json = ZipArchive.GSON.toJsonTree(TrainerTest.config(3).withTypeFlow(TypeFlow.DISCRETE, 2))
            .getAsJsonObject();
        var back = ZipArchive.GSON.fromJson(json, TrainingConfig.class);
        assertEquals(TypeFlow.DISCRETE, back.typeFlow());
        assertEquals(2, back.rotationCopies());
        json.remove("typeFlow");
        json.remove("rotationCopies");
        var old = ZipArchive.GSON.fromJson(json, TrainingConfig.class);
        assertEquals(TypeFlow.GAUSSIAN, old.typeFlow());
        assertEquals(1, old.rotationCopies());
        assertEquals(TrainerTest.config(3), old);
    }
}
