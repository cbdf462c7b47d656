package dev.flowmatch.engine.compute;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.flowmatch.engine.chem.PaddedBatch;

/**
 * A padded batch of point clouds as tensors, one copy per array: types [B,N] int32, coords [B,N,3]
 * float32, mask [B,N] float32 (1 = real atom). The arrays belong to the given manager; use a per-step
 * sub-manager so they are freed with the step.
 */
public record BatchArrays(NDArray types, NDArray coords, NDArray mask) {

    public static BatchArrays of(final PaddedBatch batch, final NDManager manager) {
        int b = batch.batchSize();
        int n = batch.maxAtoms();
        return new BatchArrays(manager.create(batch.types(), new Shape(b, n)),
            manager.create(batch.coords(), new Shape(b, n, 3)), manager.create(batch.mask(), new Shape(b, n)));
    }
}
