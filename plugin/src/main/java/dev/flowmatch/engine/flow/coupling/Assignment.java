package dev.flowmatch.engine.flow.coupling;

import java.util.Arrays;

/**
 * The linear assignment problem: a permutation minimising the total cost of a square matrix, solved
 * exactly in O(n³) by shortest augmenting paths with potentials (the Hungarian method in the form of
 * Jonker and Volgenant). Used for minibatch optimal transport and for matching noise to atoms.
 */
public final class Assignment {

    private Assignment() {
    }

    /**
     * @param cost n×n matrix of finite costs (row i, column j)
     * @return col[i], the column assigned to row i
     */
    public static int[] minimize(final double[][] cost) {
        int n = cost.length;
        for (int i = 0; i < n; i++) {
            if (cost[i].length != n) {
                throw new IllegalArgumentException("Assignment needs a square matrix; row " + i + " has "
                    + cost[i].length + " entries for " + n + " rows.");
            }
            for (double c : cost[i]) {
                if (!Double.isFinite(c)) {
                    throw new IllegalArgumentException("Assignment costs must be finite; row " + i + " has " + c + ".");
                }
            }
        }
        // 1-based arrays: u, v potentials; p[j] row matched to column j (0 = none); way[j] path back-pointer
        var u = new double[n + 1];
        var v = new double[n + 1];
        var p = new int[n + 1];
        var way = new int[n + 1];
        var minv = new double[n + 1];
        var used = new boolean[n + 1];
        for (int i = 1; i <= n; i++) {
            p[0] = i;
            int j0 = 0;
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            Arrays.fill(used, false);
            do {
                used[j0] = true;
                int i0 = p[j0];
                double delta = Double.POSITIVE_INFINITY;
                int j1 = 0;
                for (int j = 1; j <= n; j++) {
                    if (!used[j]) {
                        double cur = cost[i0 - 1][j - 1] - u[i0] - v[j];
                        if (cur < minv[j]) {
                            minv[j] = cur;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= n; j++) {
                    if (used[j]) {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (p[j0] != 0);
            do { // augment along the path
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        var col = new int[n];
        for (int j = 1; j <= n; j++) {
            col[p[j] - 1] = j - 1;
        }
        return col;
    }

    /** @return Σ_i cost[i][col[i]] */
    public static double total(final double[][] cost, final int[] col) {
        double s = 0;
        for (int i = 0; i < col.length; i++) {
            s += cost[i][col[i]];
        }
        return s;
    }
}
