package dev.flowmatch.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.flowmatch.engine.chem.PaddedBatch;
import dev.flowmatch.engine.compute.BatchArrays;
import dev.flowmatch.engine.compute.ManagedTorchTest;
import dev.flowmatch.engine.flow.PerSample;
import dev.flowmatch.engine.flow.path.AffinePath;
import dev.flowmatch.engine.flow.path.CondOtScheduler;
import dev.flowmatch.engine.flow.path.Parametrization;
import dev.flowmatch.engine.flow.path.TimeFactor;

/** Padding never reaches real atoms, the state layout round-trips, and the loss has its closed form. */
class NetworkAndLossTest extends ManagedTorchTest {

    private static final StateLayout LAYOUT = new StateLayout(3, 1.5, 1.0);

    private static float[] forward(final VelocityTransformer net, final NDArray x, final NDArray mask,
        final NDManager m) {
        var t = PerSample.of(new double[]{0.3, 0.8}, x, new Shape(2));
        var p = VelocityTransformer.unpack(net.forward(new ParameterStore(m, false), new NDList(x, t, mask), false));
        return p.coords().concat(p.typeLogits(), 2).toFloatArray();
    }

    @Test
    void paddedAtomsDoNotChangeRealAtomsOutputs() {
        for (var c : ModelConfig.Conditioning.values()) {
            try (var m = s_manager.newSubManager()) {
                var net = new VelocityTransformer(new ModelConfig(3, 16, 2, 2, 2, 8, c, true));
                net.initialize(m, 1);
                GradientCheckTestAccess.randomise(net, 5); // open every adaLN gate
                var clouds = TinyClouds.of(2, 3); // 3 and 4 atoms
                var b = BatchArrays.of(PaddedBatch.of(clouds, 4), m);
                var x = LAYOUT.noise(b.mask(), new Random(1)).add(LAYOUT.clean(b));
                var base = forward(net, x, b.mask(), m);
                // garbage in the padded slot of molecule 1 (atom 4)
                var garbage = x.duplicate();
                garbage.set(new ai.djl.ndarray.index.NDIndex("0, 3, :"), 7f);
                var other = forward(net, garbage, b.mask(), m);
                int d = 3 + 3;
                for (int i = 0; i < 2 * 4 * d; i++) {
                    boolean padded = i / d == 3;
                    if (!padded) {
                        assertEquals(base[i], other[i], 1e-5, c + ": output " + i + " changed by padding");
                    }
                }
                // more padding (N = 7) gives the same outputs at real atoms
                var wide = BatchArrays.of(PaddedBatch.of(clouds, 7), m);
                var xw = m.zeros(new Shape(2, 7, d));
                xw.set(new ai.djl.ndarray.index.NDIndex(":, :4, :"), x);
                var w = forward(net, xw, wide.mask(), m);
                for (int s = 0; s < 2; s++) {
                    for (int a = 0; a < clouds.get(s).size(); a++) {
                        for (int k = 0; k < d; k++) {
                            assertEquals(base[(s * 4 + a) * d + k], w[(s * 7 + a) * d + k], 1e-5, c + " wide");
                        }
                    }
                }
            }
        }
    }

    @Test
    void stateLayoutRoundTrips() {
        try (var m = s_manager.newSubManager()) {
            var clouds = TinyClouds.of(5, 2);
            var b = BatchArrays.of(PaddedBatch.of(clouds, 6), m);
            var back = LAYOUT.decode(LAYOUT.clean(b), b.mask(), "x", 1);
            for (int i = 0; i < 5; i++) {
                assertArrayEquals(clouds.get(i).types(), back.get(i).types());
                assertArrayEquals(clouds.get(i).coords(), back.get(i).coords(), 1e-5f);
            }
            var noise = LAYOUT.noise(b.mask(), new Random(3));
            var centroid = StateLayout.coords(noise).sum(new int[]{1}).toFloatArray();
            for (float v : centroid) {
                assertEquals(0f, v, 1e-5f, "coordinate noise is centred");
            }
            assertFalse(List.of(StateLayout.types(noise).toFloatArray()).isEmpty());
        }
    }

    @Test
    void lossIsZeroForTheTargetIgnoresPaddingAndMatchesCrossEntropyByHand() {
        try (var m = s_manager.newSubManager()) {
            var clouds = TinyClouds.of(2, 4); // 3 and 4 atoms, padded to 4
            var b = BatchArrays.of(PaddedBatch.of(clouds, 4), m);
            var x1 = LAYOUT.clean(b);
            var x0 = LAYOUT.noise(b.mask(), new Random(1));
            var ps = new AffinePath(new CondOtScheduler(0)).sample(x0, x1, new double[]{0.25, 0.5});
            var target = ps.target(Parametrization.VELOCITY);
            var logits = m.zeros(new Shape(2, 4, 3)); // uniform: cross-entropy log 3 per atom
            var loss = new FlowLoss(Parametrization.VELOCITY, TimeFactor.none(), FlowLoss.TypeLoss.CROSS_ENTROPY, 1, 1);
            var exact = loss.compute(new VelocityTransformer.Prediction(StateLayout.coords(target), logits, List.of()), ps,
                b.types(), b.mask());
            assertEquals(0.0, exact.coords().getFloat(), 1e-7);
            assertEquals(Math.log(3), exact.types().getFloat(), 1e-6);
            // an error of 1 on every coordinate of every real atom: mean over atoms of 3/3 = 1
            var shifted = StateLayout.coords(target).add(1);
            var garbagePadding = shifted.duplicate();
            garbagePadding.set(new ai.djl.ndarray.index.NDIndex("0, 3, :"), 100f); // molecule 1 has 3 atoms
            var one = loss.compute(new VelocityTransformer.Prediction(garbagePadding, logits, List.of()), ps, b.types(),
                b.mask());
            assertEquals(1.0, one.coords().getFloat(), 1e-6);
            assertEquals(1.0 + Math.log(3), one.total().getFloat(), 1e-6);
            assertTrue(one.total().getFloat() > exact.total().getFloat());
        }
    }
}
