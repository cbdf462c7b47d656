package dev.flowmatch.engine.chem;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Random;

/**
 * Start coordinates for {@link DistanceGeometry} that suit long chains and large rings: a random cloud in a
 * box folds a C50 chain onto itself, and stochastic proximity embedding cannot pull a chain through itself,
 * so the bonds stay stretched between clashing segments. A random walk along the bonds starts it extended.
 */
final class RandomCoil {

    private RandomCoil() {
    }

    /**
     * @return coordinates from a breadth-first walk over the bonds: each atom a bond length from the atom that
     *         reached it, in a random direction that points away from the bond before (so chains come out
     *         extended, like a random coil, not folded onto themselves); each fragment starts somewhere else
     */
    static double[] start(final int[][] neighbours, final double[] target, final Random rnd) {
        int n = neighbours.length;
        var x = new double[3 * n];
        var parent = new int[n];
        Arrays.fill(parent, -2);
        var queue = new ArrayDeque<Integer>();
        for (int root = 0; root < n; root++) {
            if (parent[root] != -2) {
                continue;
            }
            parent[root] = -1;
            for (int k = 0; k < 3; k++) {
                x[3 * root + k] = 4 * Math.cbrt(n) * (rnd.nextDouble() - 0.5);
            }
            queue.add(root);
            while (!queue.isEmpty()) {
                int a = queue.poll();
                for (int b : neighbours[a]) {
                    if (parent[b] != -2) {
                        continue;
                    }
                    parent[b] = a;
                    var u = randomUnit(rnd);
                    if (parent[a] >= 0) {
                        double dot = 0;
                        for (int k = 0; k < 3; k++) {
                            dot += u[k] * (x[3 * a + k] - x[3 * parent[a] + k]);
                        }
                        if (dot < 0) {
                            for (int k = 0; k < 3; k++) {
                                u[k] = -u[k];
                            }
                        }
                    }
                    double length = target[a * n + b];
                    for (int k = 0; k < 3; k++) {
                        x[3 * b + k] = x[3 * a + k] + length * u[k];
                    }
                    queue.add(b);
                }
            }
        }
        return x;
    }

    private static double[] randomUnit(final Random rnd) {
        double[] u = {rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian()};
        double norm = Math.sqrt(u[0] * u[0] + u[1] * u[1] + u[2] * u[2]) + 1e-12;
        return new double[]{u[0] / norm, u[1] / norm, u[2] / norm};
    }

}
