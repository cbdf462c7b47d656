package dev.flowmatch.engine.chem;

import java.util.Arrays;
import java.util.Random;

import javax.vecmath.Point3d;

import org.openscience.cdk.config.Elements;
import org.openscience.cdk.graph.Cycles;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.interfaces.IBond;

/**
 * 3D coordinates from the molecular graph by stochastic proximity embedding (Agrafiotis 2003; the method
 * behind many distance-geometry embedders): bonded pairs get ideal bond lengths (by elements and order),
 * pairs two bonds apart get the distance of the ideal angle (linear, trigonal, tetrahedral, or the ring
 * angle of 3- to 5-membered rings), all other pairs a lower bound that keeps them apart; random pairs are
 * then nudged towards their targets with a decaying step. The result is refined by gradient descent (with planarity of trigonal centres) and checked (bonds within 5%, angles within 10%,
 * no unbonded contacts) and re-drawn from another seed if needed. Stereochemistry is not enforced.
 */
final class DistanceGeometry {

    private static final int CYCLES = 300;

    private static final int TRIES = 8;

    private static final int REFINE_STEPS = 600;

    private static final double MOMENTUM = 0.9;

    /** Volumes are ~ (1.4 A)^3 and their gradients large: a small weight keeps the descent stable. */
    private static final double PLANARITY_WEIGHT = 0.02;

    private final int m_n;

    private final double[] m_target; // n*n: exact target (1-2, 1-3) or NaN

    private final double[] m_lower; // n*n: lower bound for the other pairs

    private final double[] m_bondMax; // n*n: perception threshold, for the final check

    private final boolean[] m_bonded; // n*n

    private final java.util.List<int[]> m_planar = new java.util.ArrayList<>(); // quadruples that must be flat

    private final int[][] m_neighbours; // the bond graph, for the chain-walk start

    private final int[] m_exact; // pairs i * n + j (i < j) with an exact target: bonds and angle distances

    private DistanceGeometry(final IAtomContainer mol) {
        m_n = mol.getAtomCount();
        m_target = new double[m_n * m_n];
        m_lower = new double[m_n * m_n];
        m_bondMax = new double[m_n * m_n];
        m_bonded = new boolean[m_n * m_n];
        m_neighbours = new int[m_n][];
        for (int i = 0; i < m_n; i++) {
            m_neighbours[i] = mol.getConnectedAtomsList(mol.getAtom(i)).stream().mapToInt(mol::indexOf).toArray();
        }
        Arrays.fill(m_target, Double.NaN);
        var radius = new double[m_n];
        for (int i = 0; i < m_n; i++) {
            var r = Elements.ofNumber(mol.getAtom(i).getAtomicNumber()).covalentRadius();
            radius[i] = r == null ? 1.5 : r;
        }
        for (int i = 0; i < m_n; i++) {
            for (int j = 0; j < m_n; j++) {
                boolean hydrogen = mol.getAtom(i).getAtomicNumber() == 1 || mol.getAtom(j).getAtomicNumber() == 1;
                m_bondMax[i * m_n + j] = radius[i] + radius[j] + 0.45;
                m_lower[i * m_n + j] = Math.max(m_bondMax[i * m_n + j] + 0.15, hydrogen ? 2.0 : 2.5);
            }
        }
        for (var b : mol.bonds()) {
            int i = mol.indexOf(b.getBegin());
            int j = mol.indexOf(b.getEnd());
            set(i, j, BondLengths.ideal(b));
            m_bonded[i * m_n + j] = true;
            m_bonded[j * m_n + i] = true;
        }
        for (int j = 0; j < m_n; j++) {
            var centre = mol.getAtom(j);
            var nbrs = mol.getConnectedAtomsList(centre);
            double angle = IdealAngles.atCentre(mol, centre);
            if (angle == 120 && nbrs.size() == 3) {
                m_planar.add(new int[]{j, mol.indexOf(nbrs.get(0)), mol.indexOf(nbrs.get(1)), mol.indexOf(nbrs.get(2))});
            }
            // A trigonal atom in a 3-, 4- or 5-ring stays planar: its two outer angles share what the ring leaves
            // (150 degrees each at the double bond of cyclopropene).
            double outer = angle;
            if (angle == 120 && nbrs.size() == 3) {
                for (int x = 0; x < 3; x++) {
                    int ring = IdealAngles.smallRing(mol, mol.indexOf(nbrs.get(x)), mol.indexOf(nbrs.get((x + 1) % 3)), j);
                    if (ring >= 3 && ring <= 5) {
                        outer = (360 - (ring == 3 ? 60 : ring == 4 ? 91 : 108)) / 2;
                    }
                }
            }
            for (int x = 0; x < nbrs.size(); x++) {
                for (int y = x + 1; y < nbrs.size(); y++) {
                    int i = mol.indexOf(nbrs.get(x));
                    int k = mol.indexOf(nbrs.get(y));
                    if (!Double.isNaN(m_target[i * m_n + k])) {
                        continue; // 3-membered ring: already a bond
                    }
                    int ring = IdealAngles.smallRing(mol, i, k, j);
                    double theta = ring == 4 ? 91 : ring == 5 ? (angle == 120 ? 108 : 104) : outer;
                    double a = m_target[i * m_n + j];
                    double c = m_target[j * m_n + k];
                    set(i, k, Math.sqrt(a * a + c * c - 2 * a * c * Math.cos(Math.toRadians(theta))));
                }
            }
        }
        flattenTrigonalSixRings(mol);
        int n = m_n;
        m_exact = java.util.stream.IntStream.range(0, n * n).filter(p -> p / n < p % n && !Double.isNaN(m_target[p]))
            .toArray();
    }

    /**
     * A six-membered ring of trigonal atoms (aromatic, quinoid) is flat: its 1-2 and 1-3 distances leave the
     * torsions free, the para distances of a planar hexagon do not.
     */
    private void flattenTrigonalSixRings(final IAtomContainer mol) {
        for (var ring : Cycles.sssr(mol).toRingSet().atomContainers()) {
            if (ring.getAtomCount() != 6) {
                continue;
            }
            boolean flat = true;
            for (var a : ring.atoms()) {
                flat &= IdealAngles.atCentre(mol, a) == 120;
            }
            if (!flat) {
                continue;
            }
            // ring atoms in cyclic order
            var order = new int[6];
            var prev = ring.getAtom(0);
            var cur = ring.getAtom(0);
            for (int k = 0; k < 6; k++) {
                order[k] = mol.indexOf(cur);
                for (var nb : ring.getConnectedAtomsList(cur)) {
                    if (nb != prev && (k < 5 || nb == ring.getAtom(0))) {
                        prev = cur;
                        cur = nb;
                        break;
                    }
                }
            }
            for (int k = 0; k < 6; k++) {
                m_planar.add(new int[]{order[k], order[(k + 1) % 6], order[(k + 2) % 6], order[(k + 3) % 6]});
            }
            for (int k = 0; k < 3; k++) {
                int i = order[k];
                int j = order[k + 3];
                double side = (m_target[order[k] * m_n + order[k + 1]] + m_target[order[k + 2] * m_n + order[k + 3]]) / 2;
                set(i, j, 2 * side);
            }
        }
    }

    private void set(final int i, final int j, final double d) {
        m_target[i * m_n + j] = d;
        m_target[j * m_n + i] = d;
    }

    /**
     * @return coordinates
     * @throws IllegalStateException saying which constraints the best try still broke, in words about the
     *         molecule (stretched bonds, distorted angles, atoms in contact)
     */
    static Point3d[] embed(final IAtomContainer mol, final long seed) {
        var dg = new DistanceGeometry(mol);
        int[] best = null;
        for (int t = 0; t < TRIES; t++) {
            // odd tries start from an extended random coil: long chains and large rings tangle in a box
            var x = dg.run(new Random(seed + 7919L * t), t % 2 == 1);
            dg.refine(x);
            var broken = dg.violations(x);
            if (broken[0] + broken[1] + broken[2] == 0) {
                var p = new Point3d[dg.m_n];
                for (int i = 0; i < dg.m_n; i++) {
                    p[i] = new Point3d(x[3 * i], x[3 * i + 1], x[3 * i + 2]);
                }
                return p;
            }
            if (best == null || broken[0] + broken[1] + broken[2] < best[0] + best[1] + best[2]) {
                best = broken;
            }
        }
        var why = new java.util.ArrayList<String>();
        if (best[0] > 0) {
            why.add(best[0] + " bond" + (best[0] == 1 ? "" : "s") + " more than 5% off the ideal length");
        }
        if (best[1] > 0) {
            why.add(best[1] + " bond angle" + (best[1] == 1 ? "" : "s") + " more than 10% off the ideal angle");
        }
        if (best[2] > 0) {
            why.add(best[2] + " pair" + (best[2] == 1 ? "" : "s") + " of non-bonded atoms within bonding distance");
        }
        // bonds or angles that cannot be ideal mean strain (small fused rings, cages); contacts alone, crowding
        String kind = best[0] + best[1] > 0 ? "too strained (small or fused rings, cages) for ideal bond lengths and"
            + " angles" : "too crowded to keep non-bonded atoms apart";
        throw new IllegalStateException("the structure looks " + kind + ": the best of " + TRIES + " tries left "
            + String.join(", ", why));
    }

    /** @return where pair i, j should be: its exact target, its lower bound if closer, else NaN (fine) */
    private double goal(final int i, final int j, final double d) {
        double t = m_target[i * m_n + j];
        if (!Double.isNaN(t)) {
            return t;
        }
        double lower = m_lower[i * m_n + j];
        return d < lower ? lower : Double.NaN;
    }

    /**
     * @param chainWalk start from a random walk along the bond graph instead of a random cloud in a box: a long
     *        chain or large ring squeezed into a box tangles, and SPE cannot pull a chain through itself
     */
    private double[] run(final Random rnd, final boolean chainWalk) {
        int n = m_n;
        var x = chainWalk ? RandomCoil.start(m_neighbours, m_target, rnd) : new double[3 * n];
        double box = 1.5 * Math.cbrt(n) + 1;
        for (int i = 0; i < x.length && !chainWalk; i++) {
            x[i] = box * (rnd.nextDouble() - 0.5);
        }
        if (n < 2) {
            return x;
        }
        int steps = 40 * n;
        int[] exact = m_exact.clone(); // shuffled in place below, from the same order in every try
        for (int c = 0; c < CYCLES; c++) {
            double lambda = 1.0 - 0.99 * c / (CYCLES - 1);
            for (int s = 0; s < steps; s++) {
                int i = rnd.nextInt(n);
                int j = rnd.nextInt(n - 1);
                if (j >= i) {
                    j++;
                }
                double d = distance(x, i, j);
                double t = goal(i, j, d);
                if (Double.isNaN(t)) {
                    continue;
                }
                alongPair(x, x, i, j, lambda * 0.5 * (t - d) / d);
            }
            // Random pairs visit each bond about 80 / n times per cycle; large molecules need every bond and
            // angle distance visited each cycle, or their chains end up stretched between clashing segments.
            for (int p = exact.length - 1; p > 0; p--) {
                int q = rnd.nextInt(p + 1);
                int tmp = exact[p];
                exact[p] = exact[q];
                exact[q] = tmp;
            }
            for (int pair : exact) {
                int i = pair / n;
                int j = pair % n;
                double d = distance(x, i, j);
                alongPair(x, x, i, j, lambda * 0.5 * (m_target[pair] - d) / d);
            }
        }
        return x;
    }

    /** @return |x_i − x_j| + 1e-9 (never zero, so it can divide) */
    private static double distance(final double[] x, final int i, final int j) {
        double dx = x[3 * i] - x[3 * j];
        double dy = x[3 * i + 1] - x[3 * j + 1];
        double dz = x[3 * i + 2] - x[3 * j + 2];
        return Math.sqrt(dx * dx + dy * dy + dz * dz) + 1e-9;
    }

    /**
     * Adds f·(x_i − x_j) to target's point i and subtracts it from point j (target may be x itself: each
     * component's difference is taken before that component moves).
     */
    private static void alongPair(final double[] target, final double[] x, final int i, final int j,
        final double f) {
        for (int k = 0; k < 3; k++) {
            double dk = x[3 * i + k] - x[3 * j + k];
            target[3 * i + k] += f * dk;
            target[3 * j + k] -= f * dk;
        }
    }

    /**
     * Gradient descent on E = sum over exact pairs of (d - t)^2 plus, for the others, max(0, lower - d)^2:
     * SPE finds the right shape quickly but leaves rings puckered and sp2 centres pyramidal; this pulls
     * every distance onto its target (angles of 120 degrees all round then force planarity).
     */
    private void refine(final double[] x) {
        int n = m_n;
        var grad = new double[x.length];
        double step = 0.05;
        var velocity = new double[x.length];
        for (int it = 0; it < REFINE_STEPS; it++) {
            java.util.Arrays.fill(grad, 0);
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    double d = distance(x, i, j);
                    double t = goal(i, j, d);
                    if (Double.isNaN(t)) {
                        continue;
                    }
                    alongPair(grad, x, i, j, 2 * (d - t) / d);
                }
            }
            for (var q : m_planar) {
                addPlanarityGradient(x, grad, q);
            }
            for (int k = 0; k < x.length; k++) {
                // heavy-ball momentum: the slow modes of a long chain (tension spread over many bonds) relax in
                // hundreds of steps instead of thousands
                velocity[k] = MOMENTUM * velocity[k] - step * grad[k];
                x[k] += velocity[k];
            }
        }
    }

    /** Adds the gradient of V^2, V the signed volume spanned by b-a, c-a, d-a (zero when all four are flat). */
    private static void addPlanarityGradient(final double[] x, final double[] grad, final int[] q) {
        int a = 3 * q[0];
        int b = 3 * q[1];
        int c = 3 * q[2];
        int d = 3 * q[3];
        double[] u = {x[b] - x[a], x[b + 1] - x[a + 1], x[b + 2] - x[a + 2]};
        double[] v = {x[c] - x[a], x[c + 1] - x[a + 1], x[c + 2] - x[a + 2]};
        double[] w = {x[d] - x[a], x[d + 1] - x[a + 1], x[d + 2] - x[a + 2]};
        double[] vw = cross(v, w);
        double[] wu = cross(w, u);
        double[] uv = cross(u, v);
        double volume = u[0] * vw[0] + u[1] * vw[1] + u[2] * vw[2];
        double f = 2 * PLANARITY_WEIGHT * volume;
        for (int k = 0; k < 3; k++) {
            grad[b + k] += f * vw[k];
            grad[c + k] += f * wu[k];
            grad[d + k] += f * uv[k];
            grad[a + k] -= f * (vw[k] + wu[k] + uv[k]);
        }
    }

    private static double[] cross(final double[] p, final double[] q) {
        return new double[]{p[1] * q[2] - p[2] * q[1], p[2] * q[0] - p[0] * q[2], p[0] * q[1] - p[1] * q[0]};
    }

    /**
     * @return how many bonds are off by more than 5%, angle (1-3) distances by more than 10% (ring angles in
     *         cages cannot all be ideal), and non-bonded pairs within bonding distance; all zero = acceptable
     */
    private int[] violations(final double[] x) {
        var broken = new int[3];
        for (double v : x) {
            if (!Double.isFinite(v)) {
                return new int[]{m_n, m_n, m_n};
            }
        }
        int n = m_n;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double dx = x[3 * i] - x[3 * j];
                double dy = x[3 * i + 1] - x[3 * j + 1];
                double dz = x[3 * i + 2] - x[3 * j + 2];
                double d = Math.sqrt(dx * dx + dy * dy + dz * dz);
                double t = m_target[i * n + j];
                boolean bonded = m_bonded[i * n + j];
                if (!Double.isNaN(t) && Math.abs(d - t) > (bonded ? 0.05 : 0.1) * t) {
                    broken[bonded ? 0 : 1]++;
                }
                if (!bonded && d <= m_bondMax[i * n + j] + (Double.isNaN(t) ? 0.05 : 0)) {
                    broken[2]++;
                }
            }
        }
        return broken;
    }
}
