package dev.flowmatch.engine.chem;

import java.util.List;

/**
 * Point clouds padded to a common atom count N, as flat arrays ready for one copy into tensors:
 * types [B*N] (0 where padded), coords [B*N*3] (0 where padded), mask [B*N] (1 real atom, 0 padding).
 */
public record PaddedBatch(int batchSize, int maxAtoms, int[] types, float[] coords, float[] mask) {

    /** @throws IllegalArgumentException naming the cloud that has more than maxAtoms atoms */
    public static PaddedBatch of(final List<PointCloud> clouds, final int maxAtoms) {
        int b = clouds.size();
        var types = new int[b * maxAtoms];
        var coords = new float[b * maxAtoms * 3];
        var mask = new float[b * maxAtoms];
        for (int i = 0; i < b; i++) {
            var c = clouds.get(i);
            if (c.size() > maxAtoms) {
                throw new IllegalArgumentException(
                    "Point cloud " + c.id() + " has " + c.size() + " atoms, more than the maximum of " + maxAtoms + ".");
            }
            System.arraycopy(c.types(), 0, types, i * maxAtoms, c.size());
            System.arraycopy(c.coords(), 0, coords, i * maxAtoms * 3, 3 * c.size());
            java.util.Arrays.fill(mask, i * maxAtoms, i * maxAtoms + c.size(), 1f);
        }
        return new PaddedBatch(b, maxAtoms, types, coords, mask);
    }
}
