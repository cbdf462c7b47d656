package dev.flowmatch.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.flowmatch.engine.chem.PaddedBatch;
import dev.flowmatch.engine.compute.BatchArrays;
import dev.flowmatch.engine.compute.ManagedTorchTest;
import dev.flowmatch.engine.compute.TorchRuntime;
import dev.flowmatch.engine.flow.PerSample;
import dev.flowmatch.engine.flow.path.AffinePath;
import dev.flowmatch.engine.flow.path.CondOtScheduler;
import dev.flowmatch.engine.flow.path.Parametrization;
import dev.flowmatch.engine.flow.path.TimeFactor;

/**
 * The autograd gradient of the full training loss (coordinates + types + λ·REPA) of a tiny model in float64
 * agrees with central finite differences, and REPA's gradient reaches only blocks ≤ k and the projector.
 */
class GradientCheckTest extends ManagedTorchTest {

    private static final int K = 3;

    /** A tiny network in float64 with every parameter randomised (so no zero-initialised gate hides a path). */
    private static VelocityTransformer network(final NDManager m, final ModelConfig.Conditioning c, final int depth) {
        return network(m, new ModelConfig(K, 8, depth, 2, 2, 4, c, true));
    }

    /** Distance bias and both coordinate heads: every geometry-aware part of the network has a gradient path. */
    static final Geometry ALL_GEOMETRY = new Geometry(1.2, true, Geometry.CoordinateHead.BOTH, true);

    private static VelocityTransformer network(final NDManager m, final ModelConfig config) {
        var net = new VelocityTransformer(config);
        net.initialize(m, 3);
        toFloat64(net.getParameters().values(), m);
        randomise(net.getParameters().values(), 11);
        return net;
    }

    /** DJL blocks cannot cast themselves; reload each parameter from its own serialised form in float64. */
    static void toFloat64(final List<Parameter> ps, final NDManager m) {
        for (var p : ps) {
            try {
                var saved = new java.io.ByteArrayOutputStream();
                p.save(new java.io.DataOutputStream(saved));
                var in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(saved.toByteArray()));
                char magic = in.readChar();
                byte version = in.readByte();
                String name = in.readUTF();
                var out = new java.io.ByteArrayOutputStream();
                var dos = new java.io.DataOutputStream(out);
                dos.writeChar(magic);
                dos.writeByte(version);
                dos.writeUTF(name);
                dos.write(p.getArray().toType(DataType.FLOAT64, false).encode());
                dos.flush();
                p.load(m, new java.io.DataInputStream(new java.io.ByteArrayInputStream(out.toByteArray())));
                if (p.requiresGradient()) {
                    p.getArray().setRequiresGradient(true);
                }
            } catch (java.io.IOException | ai.djl.MalformedModelException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static void randomise(final List<Parameter> ps, final long seed) {
        var rng = new Random(seed);
        for (var p : ps) {
            var a = p.getArray();
            var v = new double[(int)a.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = 0.4 * rng.nextGaussian();
            }
            a.set(java.nio.DoubleBuffer.wrap(v));
        }
    }

    private record Batch(BatchArrays arrays, NDArray xt, double[] t, dev.flowmatch.engine.flow.path.PathSample ps,
        NDArray targets) {
    }

    private static Batch batch(final NDManager m) {
        var clouds = TinyClouds.of(3, 5);
        int n = 6;
        var b = BatchArrays.of(PaddedBatch.of(clouds, n), m);
        var arrays = new BatchArrays(b.types(), b.coords().toType(DataType.FLOAT64, false), b.mask());
        var layout = new StateLayout(K, 1.5, 1.0);
        var x1 = layout.clean(arrays).toType(DataType.FLOAT64, false);
        var x0 = layout.noise(arrays.mask(), new Random(2)).toType(DataType.FLOAT64, false);
        double[] t = {0.2, 0.55, 0.9};
        var ps = new AffinePath(new CondOtScheduler(0)).sample(x0, x1, t);
        var targets = m.randomNormal(new Shape(3, 5)).toType(DataType.FLOAT64, false);
        return new Batch(arrays, ps.xt(), t, ps, targets);
    }

    private static double loss(final VelocityTransformer net, final RepaHead head, final Batch b, final NDManager m,
        final boolean backward, final boolean repaOnly) {
        try (var scope = m.newSubManager()) {
            var store = new ParameterStore(scope, false);
            try (var gc = backward ? TorchRuntime.engine().newGradientCollector() : null) {
                var tArray = PerSample.of(b.t, b.xt, new Shape(3));
                var inputs = new NDList(b.xt, tArray, b.arrays.mask());
                if (net.config().selfConditioning()) { // a fixed estimate, so its input map gets a gradient
                    inputs.add(b.ps.x1().add(0.3));
                }
                var p = VelocityTransformer.unpack(net.forward(store, inputs, true));
                var flow = new FlowLoss(Parametrization.VELOCITY, TimeFactor.none(), FlowLoss.TypeLoss.CROSS_ENTROPY, 1,
                    0.5).compute(p, b.ps, b.arrays.types(), b.arrays.mask());
                var proj = head.forward(store, new NDList(p.hidden().get(0)), true).head();
                var repa = new RepaLoss(RepaLoss.Kind.NEGATIVE_COSINE, 0, 1).compute(proj, b.targets,
                    b.arrays.mask(), b.t);
                var total = repaOnly ? repa.loss() : flow.total().add(repa.loss().mul(0.7));
                if (gc != null) {
                    gc.backward(total);
                }
                return total.toType(DataType.FLOAT64, false).getDouble();
            }
        }
    }

    @Test
    void lossGradientMatchesFiniteDifferences() {
        var configs = new ArrayList<ModelConfig>();
        for (var c : ModelConfig.Conditioning.values()) {
            configs.add(new ModelConfig(K, 8, 2, 2, 2, 4, c, true));
        }
        configs.add(new ModelConfig(K, 8, 2, 2, 2, 4, ModelConfig.Conditioning.ADALN, true, ALL_GEOMETRY));
        configs.add(new ModelConfig(K, 8, 2, 2, 2, 4, ModelConfig.Conditioning.ADALN, false,
            new Geometry(1.2, false, Geometry.CoordinateHead.RELATIVE, false)));
        configs.add(new ModelConfig(K, 8, 2, 2, 2, 4, ModelConfig.Conditioning.ADALN, true, ALL_GEOMETRY, true));
        for (var config : configs) {
            var c = config.conditioning() + " " + config.geometry().describe()
                + (config.selfConditioning() ? ", self-conditioned" : "");
            try (var m = s_manager.newSubManager()) {
                var net = network(m, config);
                var head = new RepaHead(8, 6, 5);
                head.initialize(m, 4);
                toFloat64(head.getParameters().values(), m);
                var b = batch(m);
                var params = new ArrayList<Parameter>(net.getParameters().values());
                params.addAll(head.getParameters().values());
                params.removeIf(p -> !p.requiresGradient());
                loss(net, head, b, m, true, false);
                var rng = new Random(9);
                int checked = 0;
                double worst = 0;
                for (var p : params) { // two random entries of every parameter tensor
                    var a = p.getArray();
                    double[] grad;
                    try (var g = a.getGradient()) {
                        grad = g.toDoubleArray();
                    }
                    for (int r = 0; r < 2; r++) {
                        int i = rng.nextInt((int)a.size());
                        double fd = finiteDifference(net, head, b, m, a, i);
                        double err = Math.abs(fd - grad[i]) / Math.max(1e-6, Math.abs(fd) + Math.abs(grad[i]));
                        worst = Math.max(worst, Math.abs(fd - grad[i]) < 1e-8 ? 0 : err);
                        checked++;
                    }
                }
                assertTrue(worst < 1e-5, c + ": worst relative gradient error " + worst + " over " + checked);
                assertTrue(checked >= 2 * 40, c + ": only " + checked + " entries checked");
            }
        }
    }

    private static double finiteDifference(final VelocityTransformer net, final RepaHead head, final Batch b,
        final NDManager m, final NDArray a, final int i) {
        var v = a.toDoubleArray();
        double h = 1e-6;
        double orig = v[i];
        v[i] = orig + h;
        a.set(java.nio.DoubleBuffer.wrap(v));
        double up = loss(net, head, b, m, false, false);
        v[i] = orig - h;
        a.set(java.nio.DoubleBuffer.wrap(v));
        double down = loss(net, head, b, m, false, false);
        v[i] = orig;
        a.set(java.nio.DoubleBuffer.wrap(v));
        return (up - down) / (2 * h);
    }

    @Test
    void repaGradientReachesOnlyLayersUpToKAndTheProjector() {
        try (var m = s_manager.newSubManager()) {
            var net = network(m, ModelConfig.Conditioning.ADALN, 3);
            var head = new RepaHead(8, 6, 5);
            head.initialize(m, 4);
            toFloat64(head.getParameters().values(), m);
            loss(net, head, batch(m), m, true, true); // REPA at layer 1 only
            var seen = new java.util.TreeMap<String, Double>();
            for (var pair : net.getParameters()) {
                if (pair.getValue().requiresGradient()) {
                    seen.put(pair.getKey(), gradNorm(pair.getValue()));
                }
            }
            for (var e : seen.entrySet()) {
                String name = e.getKey();
                boolean after = name.contains("layer2_") || name.contains("layer3_") || name.contains("final")
                    || name.contains("Head");
                if (after) {
                    assertEquals(0.0, e.getValue(), 0.0, name + " is after block 1 but got a REPA gradient");
                }
            }
            assertTrue(seen.entrySet().stream().filter(e -> e.getKey().contains("layer1_")).allMatch(e -> e.getValue() > 0
                || e.getKey().contains("norm")), "every weight of block 1 gets a gradient: " + seen);
            assertTrue(seen.entrySet().stream().filter(e -> e.getKey().contains("input")).allMatch(e -> e.getValue() > 0));
            for (var p : head.getParameters().values()) {
                assertTrue(gradNorm(p) > 0, "projector parameter without gradient");
            }
        }
    }

    private static double gradNorm(final Parameter p) {
        try (var g = p.getArray().getGradient()) {
            double s = 0;
            for (double v : g.toType(DataType.FLOAT64, false).toDoubleArray()) {
                s += v * v;
            }
            return Math.sqrt(s);
        }
    }
}
