package dev.flowmatch.engine.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.flowmatch.engine.chem.PaddedBatch;
import dev.flowmatch.engine.chem.PointCloud;

/** Padded batches reach DJL with the right shapes, types and values, and die with their manager. */
class BatchArraysTest {

    @Test
    void shapesTypesAndValues() {
        var a = new PointCloud(new int[]{1, 2}, new float[]{1, 2, 3, 4, 5, 6}, "a");
        var b = new PointCloud(new int[]{3}, new float[]{7, 8, 9}, "b");
        try (var root = TorchRuntime.newManager(Device.cpu()); var step = root.newSubManager()) {
            var t = BatchArrays.of(PaddedBatch.of(List.of(a, b), 3), step);
            assertEquals(new Shape(2, 3), t.types().getShape());
            assertEquals(DataType.INT32, t.types().getDataType());
            assertEquals(new Shape(2, 3, 3), t.coords().getShape());
            assertArrayEquals(new float[]{1, 1, 0, 1, 0, 0}, t.mask().toFloatArray());
            // the masked centroid of cloud a, computed on the tensors, is its mean position (2.5, 3.5, 4.5)
            var sum = t.coords().mul(t.mask().expandDims(2)).sum(new int[]{1});
            var count = t.mask().sum(new int[]{1}).expandDims(1);
            assertArrayEquals(new float[]{2.5f, 3.5f, 4.5f, 7, 8, 9}, sum.div(count).toFloatArray(), 1e-6f);
        }
    }
}
