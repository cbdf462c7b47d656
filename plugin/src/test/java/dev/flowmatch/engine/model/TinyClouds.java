package dev.flowmatch.engine.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.flowmatch.engine.chem.PointCloud;

/** Small random point clouds (3 to 6 atoms, 3 types) for network and trainer tests. */
public final class TinyClouds {

    private TinyClouds() {
    }

    public static List<PointCloud> of(final int count, final long seed) {
        var rng = new Random(seed);
        var out = new ArrayList<PointCloud>();
        for (int i = 0; i < count; i++) {
            int n = 3 + i % 4;
            var types = new int[n];
            var coords = new float[3 * n];
            for (int j = 0; j < n; j++) {
                types[j] = (i + j) % 3;
                for (int k = 0; k < 3; k++) {
                    coords[3 * j + k] = (float)(1.5 * rng.nextGaussian());
                }
            }
            out.add(new PointCloud(types, coords, "cloud " + (i + 1)));
        }
        return out;
    }
}
