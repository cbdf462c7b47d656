package dev.flowmatch.bench;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.flowmatch.engine.compute.TorchRuntime;
import dev.flowmatch.engine.model.ModelConfig;
import dev.flowmatch.engine.model.VelocityTransformer;

/**
 * Writes what the PyTorch twin needs to prove it is the same network: the engine transformer's weights
 * (random everywhere, including the adaLN gates that start at zero, so every path of the block matters),
 * inputs with padded atoms, and the engine's outputs on them (heads and every block's hidden states).
 * Format, big-endian: count, then per array its UTF name, rank, dims and float32 values.
 */
final class TwinCheckFile {

    private TwinCheckFile() {
    }

    /** @return the engine's parameter count */
    static long write(final ModelConfig config, final Path file) throws IOException {
        var arrays = new LinkedHashMap<String, NDArray>();
        try (var manager = TorchRuntime.newManager(ai.djl.Device.cpu())) {
            var model = new VelocityTransformer(config);
            model.initialize(manager, 11);
            var rng = new Random(5);
            for (var p : model.getParameters()) {
                if (!p.getValue().requiresGradient()) {
                    continue; // adaLN's fixed layer-norm scale and shift (ones, zeros): the twin has none
                }
                var w = p.getValue().getArray();
                var values = new float[(int)w.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float)(rng.nextGaussian() * 0.15);
                }
                w.set(java.nio.FloatBuffer.wrap(values));
                arrays.put("param:" + p.getKey(), w);
            }
            int b = 3;
            int n = 7;
            var x = manager.randomNormal(new Shape(b, n, config.stateDim()));
            var t = manager.create(new float[]{0.1f, 0.5f, 0.9f});
            var mask = manager.create(new float[]{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 0, 0, 0, 0},
                new Shape(b, n));
            var out = VelocityTransformer.unpack(model.forward(new ParameterStore(manager, false),
                new NDList(x, t, mask), false));
            arrays.put("x", x);
            arrays.put("t", t);
            arrays.put("mask", mask);
            arrays.put("out:coords", out.coords());
            arrays.put("out:logits", out.typeLogits());
            for (int i = 0; i < out.hidden().size(); i++) {
                arrays.put("out:hidden" + (i + 1), out.hidden().get(i));
            }
            writeArrays(arrays, file);
            return model.parameterCount();
        }
    }

    private static void writeArrays(final Map<String, NDArray> arrays, final Path file) throws IOException {
        Files.createDirectories(file.getParent());
        try (var out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(arrays.size());
            for (var e : arrays.entrySet()) {
                out.writeUTF(e.getKey());
                var a = e.getValue();
                var dims = a.getShape().getShape();
                out.writeInt(dims.length);
                for (long d : dims) {
                    out.writeInt((int)d);
                }
                for (float v : a.toType(DataType.FLOAT32, false).toFloatArray()) {
                    out.writeFloat(v);
                }
            }
        }
    }
}
