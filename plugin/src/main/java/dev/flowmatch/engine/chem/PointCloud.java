package dev.flowmatch.engine.chem;

import java.util.Arrays;

/**
 * A molecule as the flow engine sees it: atom types (indices into an {@link AtomVocabulary}) and
 * coordinates in Å, centred on the centroid, stored flat as x0 y0 z0 x1 y1 z1 ...
 *
 * @param types atom type index per atom
 * @param coords 3 coordinates per atom
 * @param id where the molecule came from (title or row), for messages
 */
public record PointCloud(int[] types, float[] coords, String id) {

    /**
     * Most atoms a molecule may have here (explicit hydrogens included; drug-like sets stay under 200): conformer
     * generation, training and model files refuse larger ones, whose pairwise arrays would take gigabytes.
     */
    public static final int MAX_ATOMS = 1024;


    public PointCloud {
        if (coords.length != 3 * types.length) {
            throw new IllegalArgumentException(
                "Point cloud " + id + ": " + types.length + " types need " + 3 * types.length + " coordinates, got "
                    + coords.length);
        }
    }

    public int size() {
        return types.length;
    }

    /** @return a copy with the 3x3 row-major rotation applied to every atom (about the origin) */
    public PointCloud rotated(final double[] r) {
        var c = new float[coords.length];
        for (int i = 0; i < types.length; i++) {
            double x = coords[3 * i];
            double y = coords[3 * i + 1];
            double z = coords[3 * i + 2];
            c[3 * i] = (float)(r[0] * x + r[1] * y + r[2] * z);
            c[3 * i + 1] = (float)(r[3] * x + r[4] * y + r[5] * z);
            c[3 * i + 2] = (float)(r[6] * x + r[7] * y + r[8] * z);
        }
        return new PointCloud(types, c, id);
    }

    /** @return the distance between atoms i and j in Å */
    public double distance(final int i, final int j) {
        double dx = coords[3 * i] - coords[3 * j];
        double dy = coords[3 * i + 1] - coords[3 * j + 1];
        double dz = coords[3 * i + 2] - coords[3 * j + 2];
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof PointCloud p && Arrays.equals(p.types, types) && Arrays.equals(p.coords, coords);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(types) + Arrays.hashCode(coords);
    }

    @Override
    public String toString() {
        return "PointCloud[" + id + ", " + types.length + " atoms]";
    }
}
