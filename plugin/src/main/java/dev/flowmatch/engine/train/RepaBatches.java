package dev.flowmatch.engine.train;

import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import dev.flowmatch.engine.chem.PointCloud;

/** The REPA targets of one batch: one encoder vector per molecule, or one per atom padded like the batch. */
final class RepaBatches {

    private RepaBatches() {
    }

    /** @return [B, E] for molecule-level or [B, N, E] for atom-level vectors */
    static NDArray of(final float[][] all, final int[] idx, final List<PointCloud> clouds, final int e,
        final NDManager scope) {
        int b = idx.length;
        boolean atomLevel = all[idx[0]].length != e;
        if (!atomLevel) {
            var flat = new float[b * e];
            for (int i = 0; i < b; i++) {
                requireLength(all[idx[i]], e, idx[i], e);
                System.arraycopy(all[idx[i]], 0, flat, i * e, e);
            }
            return scope.create(flat, new Shape(b, e));
        }
        int n = clouds.stream().mapToInt(PointCloud::size).max().orElseThrow();
        var flat = new float[b * n * e];
        for (int i = 0; i < b; i++) {
            int atoms = clouds.get(i).size();
            requireLength(all[idx[i]], atoms * e, idx[i], e);
            System.arraycopy(all[idx[i]], 0, flat, i * n * e, atoms * e);
        }
        return scope.create(flat, new Shape(b, n, e));
    }

    private static void requireLength(final float[] v, final int expected, final int index, final int e) {
        if (v.length != expected) {
            throw new IllegalArgumentException("REPA target of molecule " + (index + 1) + " has length " + v.length
                + "; expected " + e + " (one vector per molecule) or atoms × " + e + " (per atom).");
        }
    }
}
