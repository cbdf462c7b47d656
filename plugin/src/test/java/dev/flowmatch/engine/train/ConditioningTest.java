package dev.flowmatch.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import dev.flowmatch.engine.chem.PointCloud;
import dev.flowmatch.engine.flow.solver.SolverKind;
import dev.flowmatch.engine.flow.solver.TimeGrid;
import dev.flowmatch.engine.model.ConditionInput;
import dev.flowmatch.engine.model.ModelConfig;
import dev.flowmatch.engine.model.NeuralVelocityField;

/**
 * Property conditioning end to end on two well-separated clusters: triangles of carbon (property 0) and triangles
 * of oxygen (property 10). A model trained on both samples the cluster it is asked for; guidance w = 0 is the
 * conditional field itself and w &gt; 0 is v_c + w (v_c − v_u) exactly; the conditions survive the model file; bad
 * targets are refused by name; rows without a value train unconditionally.
 */
class ConditioningTest {

    @TempDir
    static Path s_dir;

    static FlowModel s_model;

    static List<PointCloud> clusters(final int n, final long seed) {
        var rng = new Random(seed);
        var out = new ArrayList<PointCloud>();
        for (int i = 0; i < n; i++) {
            int type = i % 2 == 0 ? 0 : 2; // C or O
            var c = new float[9];
            for (int a = 0; a < 3; a++) {
                double angle = 2 * Math.PI * a / 3;
                c[3 * a] = (float)(1.3 * Math.cos(angle) + 0.05 * rng.nextGaussian());
                c[3 * a + 1] = (float)(1.3 * Math.sin(angle) + 0.05 * rng.nextGaussian());
                c[3 * a + 2] = (float)(0.05 * rng.nextGaussian());
            }
            out.add(new PointCloud(new int[] {type, type, type}, c, (type == 0 ? "C3-" : "O3-") + i));
        }
        return out;
    }

    static double[][] property(final List<PointCloud> clouds) {
        var out = new double[clouds.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new double[] {clouds.get(i).types()[0] == 0 ? 0 : 10};
        }
        return out;
    }

    @BeforeAll
    static void train() throws Exception {
        var train = clusters(64, 1);
        var validation = clusters(8, 2);
        var values = property(train);
        values[5] = new double[] {Double.NaN}; // a missing cell: that molecule trains without its condition
        var conditions = Conditions.of(List.of("oxygen score"), List.of("a.u."), values, 0.1)
            .withAtomCounts(train.stream().mapToInt(PointCloud::size).toArray(), values);
        var representation = Representation.of(List.of("C", "N", "O"), true, train, Double.NaN, 1.0);
        var architecture = new ModelConfig(3, 32, 2, 4, 2, 16, ModelConfig.Conditioning.ADALN, false).withConditions(1);
        var config = TrainingConfig.defaults(300).withBatch(16, 3e-3, 7).withValidation(100);
        var data = TrainingData.of(train, validation).withConditions(values, property(validation));
        try (var t = new Trainer(representation, architecture, config, 0, Device.cpu(), conditions)) {
            t.train(data, TrainingListener.none());
            s_model = FlowModel.of(t, "", Device.cpu());
        }
    }

    static double oxygenShare(final FlowModel m, final double target, final double guidance) {
        var counts = new int[40];
        java.util.Arrays.fill(counts, 3);
        var targets = new double[40][];
        java.util.Arrays.fill(targets, new double[] {target});
        var g = m.generate(counts, SolverKind.HEUN.create(), TimeGrid.uniform(10), 11, 40, false, 1, null,
            new PropertyTargets(targets, guidance));
        int o = 0;
        for (var c : g.clouds()) {
            for (int t : c.types()) {
                o += t == 2 ? 1 : 0;
            }
        }
        return o / 120.0;
    }

    @Test
    void theRequestedClusterIsSampled() {
        double oxygen = oxygenShare(s_model, 10, 0);
        double carbon = oxygenShare(s_model, 0, 0);
        assertTrue(oxygen > 0.8 && carbon < 0.2, "oxygen share asking for 10: " + oxygen + ", asking for 0: " + carbon);
        double guided = oxygenShare(s_model, 10, 2);
        assertTrue(guided >= oxygen - 0.05, "guidance w = 2 keeps or sharpens the choice: " + guided + " vs " + oxygen);
    }

    @Test
    void guidanceIsTheConditionalFieldPlusWTimesItsDifferenceFromTheUnconditional() {
        try (NDManager m = NDManager.newBaseManager()) {
            var rng = new Random(3);
            var xv = new float[2 * 3 * 6];
            for (int i = 0; i < xv.length; i++) {
                xv[i] = (float)rng.nextGaussian();
            }
            var x = m.create(xv, new Shape(2, 3, 6));
            var mask = m.ones(new Shape(2, 3));
            var cond = ConditionInput.of(m, new float[][] {{1.5f}, {-1f}}, 1);
            var none = ConditionInput.none(m, 2, 1);
            var training = s_model.training();
            java.util.function.DoubleFunction<NeuralVelocityField> field = w -> new NeuralVelocityField(
                s_model.network(), training.path().path(), training.path().parametrization(), training.typeLoss(), 1.0,
                mask);
            for (double t : new double[] {0.2, 0.7}) {
                var vc = field.apply(0).conditionedOn(cond, 0).velocity(x, t).toFloatArray();
                var vu = field.apply(0).conditionedOn(none, 0).velocity(x, t).toFloatArray();
                var vg = field.apply(0).conditionedOn(cond, 2.5).velocity(x, t).toFloatArray();
                for (int i = 0; i < vc.length; i++) {
                    assertEquals(vc[i] + 2.5 * (vc[i] - vu[i]), vg[i], 2e-4 * (1 + Math.abs(vg[i])), "entry " + i);
                }
                var plain = field.apply(0).velocity(x, t).toFloatArray(); // no condition given: the unconditional field
                assertArrayEquals(vu, plain, 1e-6f);
            }
        }
    }

    @Test
    void conditionsSurviveTheModelFileAndSampleIdentically() throws Exception {
        var file = s_dir.resolve("conditional.fmz");
        s_model.save(file);
        try (var loaded = FlowModel.load(file, Device.cpu())) {
            var a = s_model.conditions();
            var b = loaded.conditions();
            assertEquals(a.names(), b.names());
            assertEquals(a.units(), b.units());
            assertArrayEquals(a.means(), b.means());
            assertArrayEquals(a.stds(), b.stds());
            assertArrayEquals(a.mins(), b.mins());
            assertArrayEquals(a.maxs(), b.maxs());
            assertEquals(a.dropout(), b.dropout());
            assertArrayEquals(a.atomCounts().counts(), b.atomCounts().counts());
            assertArrayEquals(a.atomCounts().spreads(), b.atomCounts().spreads());
            assertArrayEquals(a.atomCounts().means()[3], b.atomCounts().means()[3]);
            // every training molecule has 3 atoms: so do the sizes drawn for any target (a missing one: histogram)
            assertArrayEquals(new int[] {3, 3, 3}, loaded.sampleAtomCounts(new double[][] {{0}, {10}, {Double.NaN}},
                new Random(1)));
            assertEquals(1, loaded.architecture().conditions());
            assertTrue(loaded.describe().contains("Conditioned on oxygen score [a.u.] 0..10"), loaded.describe());
            assertEquals(oxygenShare(s_model, 10, 1), oxygenShare(loaded, 10, 1));
        }
    }

    @Test
    void atomCountsLearntAfterTrainingReplaceTheModelsAndAreSaved() throws Exception {
        var file = s_dir.resolve("relearnt.fmz");
        s_model.save(file);
        try (var loaded = FlowModel.load(file, Device.cpu())) {
            // a different size relation than the training data's (all 3 atoms): value 0 -> 2 atoms, 10 -> 3 atoms
            var values = new double[40][];
            var sizes = new int[40];
            for (int i = 0; i < 40; i++) {
                values[i] = new double[] {i % 2 == 0 ? 0 : 10};
                sizes[i] = i % 2 == 0 ? 2 : 3;
            }
            loaded.learnAtomCounts(sizes, values);
            var targets = new double[][] {{0}, {10}, {0}, {10}};
            assertArrayEquals(new int[] {2, 3, 2, 3}, loaded.sampleAtomCounts(targets, new Random(3)));
            var again = s_dir.resolve("relearnt-again.fmz");
            loaded.save(again);
            try (var reloaded = FlowModel.load(again, Device.cpu())) {
                assertArrayEquals(new int[] {2, 3, 2, 3}, reloaded.sampleAtomCounts(targets, new Random(3)));
            }
        }
    }

    @Test
    void badTargetsAreRefusedByName() {
        var counts = new int[] {3, 3};
        var e = assertThrows(IllegalArgumentException.class, () -> s_model.generate(counts, SolverKind.EULER.create(),
            TimeGrid.uniform(2), 1, 2, false, 1, null, new PropertyTargets(new double[][] {{1}, {1, 2}}, 0)));
        assertTrue(e.getMessage().contains("molecule 2: 2 values; the model is conditioned on [oxygen score]"),
            e.getMessage());
        var f = assertThrows(IllegalArgumentException.class, () -> s_model.generate(counts, SolverKind.EULER.create(),
            TimeGrid.uniform(2), 1, 2, false, 1, null, new PropertyTargets(new double[][] {{1}}, 0)));
        assertTrue(f.getMessage().contains("1 rows for 2 molecules"), f.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PropertyTargets(new double[][] {{1}}, -1));
        assertEquals(List.of("oxygen score = 25.0 (trained on 0.0..10.0)"),
            s_model.conditions().outsideRange(new double[] {25}));
        assertTrue(s_model.conditions().outsideRange(new double[] {5}).isEmpty());
    }

    @Test
    void rowsWithoutAValueAndDroppedRowsHaveNoCondition() {
        var c = Conditions.of(List.of("p"), List.of(""), new double[][] {{1}, {3}, {Double.NaN}}, 0.5);
        assertEquals(2, c.means()[0]); // the missing row is left out of the statistics
        assertNull(c.standardize(new double[] {Double.NaN}));
        try (NDManager m = NDManager.newBaseManager()) {
            var values = new double[][] {{1}, {3}, {Double.NaN}};
            var validation = ConditionBatches.of(c, values, new int[] {0, 1, 2}, null, m, false).toFloatArray();
            assertArrayEquals(new float[] {-(float)(1 / Math.sqrt(2)), 1, (float)(1 / Math.sqrt(2)), 1, 0, 0},
                validation, 1e-6f);
            // in training, about half of the rows are dropped (flag 0) at dropout 0.5
            int kept = 0;
            var rng = new Random(5);
            for (int i = 0; i < 400; i++) {
                kept += (int)ConditionBatches.of(c, values, new int[] {0}, rng, m, true).toFloatArray()[1];
            }
            assertTrue(kept > 160 && kept < 240, "kept " + kept + " of 400");
        }
        var flat = assertThrows(IllegalArgumentException.class, () -> Conditions.of(List.of("constant"), List.of(""),
            new double[][] {{2}, {2}}, 0.1));
        assertTrue(flat.getMessage().contains("\"constant\"") && flat.getMessage().contains("positive deviation"),
            flat.getMessage());
    }

    /** A checkpoint keeps the conditions: a resumed run trains the same conditioned network. */
    @Test
    void checkpointsKeepTheConditions() throws Exception {
        var train = clusters(8, 3);
        var values = property(train);
        var conditions = Conditions.of(List.of("oxygen score"), List.of("a.u."), values, 0.2);
        var representation = Representation.of(List.of("C", "N", "O"), true, train, Double.NaN, 1.0);
        var architecture = new ModelConfig(3, 16, 1, 2, 2, 8, ModelConfig.Conditioning.ADALN, false).withConditions(1);
        var file = s_dir.resolve("conditional-checkpoint.zip");
        try (var t = new Trainer(representation, architecture, TrainingConfig.defaults(2).withBatch(4, 1e-3, 1), 0,
            Device.cpu(), conditions)) {
            t.train(TrainingData.of(train, List.of()).withConditions(values, new double[0][]), TrainingListener.none());
            Checkpoint.save(t, file);
        }
        try (var resumed = Checkpoint.load(file, Device.cpu())) {
            assertEquals(conditions.names(), resumed.m_conditions.names());
            assertArrayEquals(conditions.means(), resumed.m_conditions.means());
            assertEquals(0.2, resumed.m_conditions.dropout());
        }
        var e = assertThrows(IllegalArgumentException.class, () -> new Trainer(representation, architecture,
            TrainingConfig.defaults(2), 0, Device.cpu(), null));
        assertTrue(e.getMessage().contains("takes 1 conditions but none are given"), e.getMessage());
    }
}
