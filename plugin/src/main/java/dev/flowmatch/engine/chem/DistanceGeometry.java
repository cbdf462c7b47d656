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

    /** Volumes are ~ (1.4 A)^3 and their gradients large: a small weight keeps the descent stable. */
    private static final double PLANARITY_WEIGHT = 0.02;

    private final int m_n;

    private final double[] m_target; // n*n: exact target (1-2, 1-3) or NaN

    private final double[] m_lower; // n*n: lower bound for the other pairs

    private final double[] m_bondMax; // n*n: perception threshold, for the final check

    private final boolean[] m_bonded; // n*n

    private final java.util.List<int[]> m_planar = new java.util.ArrayList<>(); // quadruples that must be flat

    private DistanceGeometry(final IAtomContainer mol) {
        m_n = mol.getAtomCount();
        m_target = new double[m_n * m_n];
        m_lower = new double[m_n * m_n];
        m_bondMax = new double[m_n * m_n];
        m_bonded = new boolean[m_n * m_n];
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

    /** @return coordinates, or null if no try passed the quality check */
    static Point3d[] embed(final IAtomContainer mol, final long seed) {
        var dg = new DistanceGeometry(mol);
        for (int t = 0; t < TRIES; t++) {
            var x = dg.run(new Random(seed + 7919L * t));
            dg.refine(x);
            if (dg.acceptable(x)) {
                var p = new Point3d[dg.m_n];
                for (int i = 0; i < dg.m_n; i++) {
                    p[i] = new Point3d(x[3 * i], x[3 * i + 1], x[3 * i + 2]);
                }
                return p;
            }
        }
        return null;
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

    private double[] run(final Random rnd) {
        int n = m_n;
        var x = new double[3 * n];
        double box = 1.5 * Math.cbrt(n) + 1;
        for (int i = 0; i < x.length; i++) {
            x[i] = box * (rnd.nextDouble() - 0.5);
        }
        if (n < 2) {
            return x;
        }
        int steps = 40 * n;
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
                x[k] -= step * grad[k];
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

    private boolean acceptable(final double[] x) {
        for (double v : x) {
            if (!Double.isFinite(v)) {
                return false;
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
                // bonds within 5%; angle distances within 10% (ring angles in cages cannot all be ideal)
                boolean offTarget = !Double.isNaN(t) && Math.abs(d - t) > (bonded ? 0.05 : 0.1) * t;
                boolean falseContact = !bonded && d <= m_bondMax[i * n + j] + (Double.isNaN(t) ? 0.05 : 0);
                if (offTarget || falseContact) {
                    return false;
                }
            }
        }
        return true;
    }
}
