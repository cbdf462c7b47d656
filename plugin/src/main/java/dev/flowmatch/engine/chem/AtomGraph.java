package dev.flowmatch.engine.chem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import javax.vecmath.Point3d;

import org.openscience.cdk.config.Elements;
import org.openscience.cdk.interfaces.IAtomContainer;

/**
 * Atoms with 3D positions and the bonds implied by distance: i and j are bonded when their distance is at
 * most r_i + r_j + tolerance (CDK's covalent radii). An atom with more neighbours than its element allows
 * loses its relatively longest bonds first.
 */
final class AtomGraph {

    private final int[] m_z;

    private final Point3d[] m_points;

    private final double[] m_radius;

    private final List<int[]> m_bonds = new ArrayList<>();

    private final int[] m_degree;

    private AtomGraph(final int[] z, final Point3d[] points) {
        m_z = z;
        m_points = points;
        m_radius = new double[z.length];
        m_degree = new int[z.length];
        for (int i = 0; i < z.length; i++) {
            var r = Elements.ofNumber(z[i]).covalentRadius();
            m_radius[i] = r == null ? 1.5 : r;
        }
    }

    static AtomGraph of(final IAtomContainer atoms, final double tolerance) {
        int n = atoms.getAtomCount();
        var z = new int[n];
        var p = new Point3d[n];
        for (int i = 0; i < n; i++) {
            var a = atoms.getAtom(i);
            if (a.getPoint3d() == null) {
                throw new IllegalArgumentException("Atom " + (i + 1) + " (" + a.getSymbol() + ") has no 3D coordinates.");
            }
            if (a.getAtomicNumber() == null || a.getAtomicNumber() <= 0) {
                throw new IllegalArgumentException("Atom " + (i + 1) + " has no element.");
            }
            z[i] = a.getAtomicNumber();
            p[i] = a.getPoint3d();
        }
        var g = new AtomGraph(z, p);
        g.connect(tolerance);
        return g;
    }

    private void connect(final double tolerance) {
        int n = m_z.length;
        var candidates = new ArrayList<int[]>();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double limit = m_radius[i] + m_radius[j] + tolerance;
                if (m_points[i].distanceSquared(m_points[j]) <= limit * limit) {
                    candidates.add(new int[]{i, j});
                }
            }
        }
        // Keep the relatively shortest bonds while degrees allow (too many neighbours = too loose a cutoff).
        candidates.sort(Comparator.comparingDouble(b -> relativeLength(b[0], b[1])));
        for (var b : candidates) {
            if (m_degree[b[0]] < Valences.maxDegree(m_z[b[0]]) && m_degree[b[1]] < Valences.maxDegree(m_z[b[1]])) {
                m_bonds.add(b);
                m_degree[b[0]]++;
                m_degree[b[1]]++;
            }
        }
        m_bonds.sort(Comparator.<int[]>comparingInt(b -> b[0]).thenComparingInt(b -> b[1]));
    }

    /** @return distance divided by the sum of covalent radii */
    private double relativeLength(final int i, final int j) {
        return m_points[i].distance(m_points[j]) / (m_radius[i] + m_radius[j]);
    }

    /**
     * π bonds an atom's shape allows: 2 if it has two neighbours nearly in a line (sp), 0 if it has three
     * neighbours out of plane or four or more (sp3), else 1.
     */
    int piCapacityFromShape(final int i) {
        var nbrs = new ArrayList<Integer>();
        for (var b : m_bonds) {
            if (b[0] == i || b[1] == i) {
                nbrs.add(b[0] == i ? b[1] : b[0]);
            }
        }
        if (nbrs.size() >= 4) {
            return 0;
        }
        if (nbrs.size() == 2 && angle(nbrs.get(0), i, nbrs.get(1)) > 150) { // sp; generated geometry bends a little
            return 2;
        }
        if (nbrs.size() == 3) {
            double sum = angle(nbrs.get(0), i, nbrs.get(1)) + angle(nbrs.get(1), i, nbrs.get(2))
                + angle(nbrs.get(0), i, nbrs.get(2));
            return sum > 340 ? 1 : 0; // 360 planar, 328.5 tetrahedral; generated geometries are noisy
        }
        return 1;
    }

    /** @return the angle a-b-c in degrees */
    double angle(final int a, final int b, final int c) {
        var u = new javax.vecmath.Vector3d();
        u.sub(m_points[a], m_points[b]);
        var v = new javax.vecmath.Vector3d();
        v.sub(m_points[c], m_points[b]);
        return Math.toDegrees(u.angle(v));
    }

    int size() {
        return m_z.length;
    }

    int z(final int i) {
        return m_z[i];
    }

    Point3d point(final int i) {
        return m_points[i];
    }

    int degree(final int i) {
        return m_degree[i];
    }

    List<int[]> bonds() {
        return m_bonds;
    }

    boolean hasHydrogen() {
        for (int z : m_z) {
            if (z == 1) {
                return true;
            }
        }
        return false;
    }
}
