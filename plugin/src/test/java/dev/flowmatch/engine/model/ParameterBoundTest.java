package dev.flowmatch.engine.model;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDManager;

import dev.flowmatch.engine.compute.TorchRuntime;

/**
 * The parameter bound a model file is checked against before anything is allocated holds the real network's count
 * (summed over the parameters DJL allocates) from above, and stays within 25 % of it, for every geometry, both
 * conditionings and self-conditioning; the weights entry the real network writes fits its byte bound.
 */
class ParameterBoundTest {

    @Test
    void boundHoldsTheRealCountForEveryArchitecture() throws Exception {
        TorchRuntime.engine();
        for (var preset : Geometry.Preset.values()) {
            for (var conditioning : ModelConfig.Conditioning.values()) {
                for (boolean self : new boolean[] {false, true}) {
                    for (int[] size : new int[][] {{5, 32, 2, 4, 2, 16}, {9, 128, 4, 8, 4, 64}, {20, 64, 3, 2, 1, 8}}) {
                        var config = new ModelConfig(size[0], size[1], size[2], size[3], size[4], size[5],
                            conditioning, false, preset.in(0.5), self);
                        try (var manager = NDManager.newBaseManager()) {
                            var net = new VelocityTransformer(config);
                            net.initialize(manager, 1);
                            long real = 0;
                            for (var p : net.getParameters()) {
                                real += p.getValue().getArray().size();
                            }
                            long bound = config.parameterBound();
                            var what = preset + " " + conditioning + " self=" + self + " " + config.width()
                                + ": real " + real + ", bound " + bound;
                            assertTrue(real <= bound && bound <= 1.25 * real, what);
                            long bytes = dev.flowmatch.engine.compute.ZipArchive.parameters(net).length;
                            assertTrue(bytes <= config.weightBytesBound() && config.weightBytesBound() <= 1.3 * bytes,
                                what + ": entry " + bytes + " bytes, bound " + config.weightBytesBound());
                        }
                    }
                }
            }
        }
    }

    @Test
    void networksAboveTheCeilingAreRefusedByTheirSizes() {
        var e = assertThrows(IllegalArgumentException.class, () -> new ModelConfig(9, 4096, 64, 8, 16, 64,
            ModelConfig.Conditioning.ADALN, false));
        assertTrue(e.getMessage().contains("width 4096, depth 64 and MLP multiplier 16 make a network of up to")
            && e.getMessage().contains("at most 50,000,000 are accepted"), e.getMessage());
        // the largest default-shaped network below the ceiling is accepted
        new ModelConfig(9, 384, 12, 8, 4, 64, ModelConfig.Conditioning.ADALN, false);
    }
}
