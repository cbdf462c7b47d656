package dev.flowmatch.engine.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import ai.djl.Device;
import ai.djl.ndarray.types.Shape;

/** The PyTorch engine starts offline from the embedded natives and computes correctly. */
class TorchRuntimeTest {

    @Test
    void matmulMatchesHandComputedProduct() {
        try (var m = TorchRuntime.newManager(Device.cpu())) {
            var a = m.create(new float[]{1, 2, 3, 4, 5, 6}, new Shape(2, 3));
            var b = m.create(new float[]{7, 8, 9, 10, 11, 12}, new Shape(3, 2));
            // [1 2 3; 4 5 6] x [7 8; 9 10; 11 12] = [58 64; 139 154]
            assertArrayEquals(new float[]{58, 64, 139, 154}, a.matMul(b).toFloatArray());
        }
        assertTrue(TorchRuntime.describe().startsWith("PyTorch 2.7.1"), TorchRuntime.describe());
    }

    @Test
    void deviceRequestsAreResolvedOrRejectedClearly() {
        assertEquals(Device.cpu(), TorchRuntime.device("cpu"));
        var auto = TorchRuntime.device("auto");
        assertEquals(TorchRuntime.engine().getGpuCount() > 0 ? Device.gpu() : Device.cpu(), auto);
        var e = assertThrows(IllegalArgumentException.class, () -> TorchRuntime.device("tpu"));
        assertTrue(e.getMessage().contains("tpu"));
        int gpus = TorchRuntime.engine().getGpuCount();
        e = assertThrows(IllegalArgumentException.class, () -> TorchRuntime.device("gpu:" + gpus));
        assertTrue(e.getMessage().contains(gpus + " GPU(s)"), e.getMessage());
    }
}
