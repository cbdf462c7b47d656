package dev.flowmatch.engine.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Tensors copied to Java arrays for the parts of the flow engine that run on the CPU whatever the device
 * (assignments, SVDs, categorical draws), and the atom counts of padding masks.
 */
public final class HostArrays {

    private HostArrays() {
    }

    /** @return the values as floats (converting a copy when the type differs) */
    public static float[] floats(final NDArray a) {
        if (a.getDataType() == DataType.FLOAT32) {
            return a.toFloatArray();
        }
        try (var c = a.toType(DataType.FLOAT32, true)) {
            return c.toFloatArray();
        }
    }

    /** @return the values as ints (converting a copy when the type differs) */
    public static int[] ints(final NDArray a) {
        if (a.getDataType() == DataType.INT32) {
            return a.toIntArray();
        }
        try (var c = a.toType(DataType.INT32, true)) {
            return c.toIntArray();
        }
    }

    /**
     * @param mask [B, N], 1 for real atoms, padding at the end of each row
     * @return real atoms per row
     * @throws IllegalArgumentException naming the row whose mask has a real atom after padding
     */
    public static int[] atomCounts(final NDArray mask) {
        var s = mask.getShape();
        if (s.dimension() != 2) {
            throw new IllegalArgumentException("A mask must be [B, N], got " + s + ".");
        }
        float[] m = floats(mask);
        int n = (int)s.get(1);
        var counts = new int[(int)s.get(0)];
        for (int i = 0; i < counts.length; i++) {
            for (int a = 0; a < n; a++) {
                if (m[i * n + a] > 0.5f) {
                    if (a != counts[i]) {
                        throw new IllegalArgumentException(
                            "Mask row " + i + " is not padded at the end (atom " + a + " is real after padding).");
                    }
                    counts[i]++;
                }
            }
        }
        return counts;
    }
}
