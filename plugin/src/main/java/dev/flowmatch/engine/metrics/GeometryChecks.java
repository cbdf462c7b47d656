package dev.flowmatch.engine.metrics;

import java.util.ArrayDeque;
import java.util.Arrays;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.graph.Cycles;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;

import dev.flowmatch.engine.chem.BondLengths;
import dev.flowmatch.engine.chem.IdealAngles;
import dev.flowmatch.engine.chem.MoleculeOutput;

/**
 * 3D plausibility checks in the spirit of PoseBusters (Buttenschoen et al. 2024), on a molecule with
 * bonds and coordinates:
 * <ul>
 * <li>bond lengths within ±25% of the typical length for the elements and bond order;</li>
 * <li>bond angles: each 1–3 distance within ±25% of the one implied by typical bond lengths and the ideal
 * angle (60° and 90° in three- and four-membered rings, else 180°/120°/109.5° by the centre's bonds);</li>
 * <li>no steric clash: atoms three or more bonds apart at least 0.7 × the sum of their van der Waals
 * radii apart;</li>
 * <li>aromatic rings flat: every ring atom within 0.25 Å of the ring's best-fit plane.</li>
 * </ul>
 * The ±25% and 0.7 factors are PoseBusters' tolerances around distance-geometry bounds.
 */
public final class GeometryChecks {

    static final double BOND_TOLERANCE = 0.25;

    static final double CLASH_SCALE = 0.7;

    static final double PLANE_TOLERANCE = 0.25;

    private GeometryChecks() {
    }

    /** @param problem the first failure, naming atoms (1-based), or null when all pass */
    public record Report(boolean has3d, boolean bondLengths, boolean bondAngles, boolean noClash, boolean flatRings,
        String problem) {

        public boolean allPass() {
            return has3d && bondLengths && bondAngles && noClash && flatRings;
        }
    }

    public static Report check(final IAtomContainer mol) {
        for (var a : mol.atoms()) {
            if (a.getPoint3d() == null) {
                return new Report(false, false, false, false, false, "no 3D coordinates");
            }
        }
        var problem = new String[1];
        boolean lengths = true;
        for (var b : mol.bonds()) {
            double d = b.getBegin().getPoint3d().distance(b.getEnd().getPoint3d());
            double ideal = BondLengths.ideal(b);
            if (Math.abs(d / ideal - 1) > BOND_TOLERANCE) {
                lengths = fail(problem, String.format(java.util.Locale.ROOT, "bond %s-%s is %.2f Å, typical %.2f Å",
                    label(mol, b.getBegin()), label(mol, b.getEnd()), d, ideal));
            }
        }
        boolean angles = anglesOk(mol, problem);
        boolean clash = noClash(mol, problem);
        boolean flat = flatRings(mol, problem);
        return new Report(true, lengths, angles, clash, flat, problem[0]);
    }

    private static boolean fail(final String[] problem, final String what) {
        if (problem[0] == null) {
            problem[0] = what;
        }
        return false;
    }

    private static String label(final IAtomContainer mol, final IAtom a) {
        return a.getSymbol() + (mol.indexOf(a) + 1);
    }

    private static boolean anglesOk(final IAtomContainer mol, final String[] problem) {
        boolean ok = true;
        for (var centre : mol.atoms()) {
            var bonds = mol.getConnectedBondsList(centre);
            for (int x = 0; x < bonds.size(); x++) {
                for (int y = x + 1; y < bonds.size(); y++) {
                    var bx = bonds.get(x);
                    var by = bonds.get(y);
                    var a = bx.getOther(centre);
                    var c = by.getOther(centre);
                    double theta = Math.toRadians(idealAngle(mol, centre, a, c));
                    double lx = BondLengths.ideal(bx);
                    double ly = BondLengths.ideal(by);
                    double ideal = Math.sqrt(lx * lx + ly * ly - 2 * lx * ly * Math.cos(theta));
                    double d = a.getPoint3d().distance(c.getPoint3d());
                    if (Math.abs(d / ideal - 1) > BOND_TOLERANCE) {
                        ok = fail(problem, String.format(java.util.Locale.ROOT,
                            "angle %s-%s-%s: 1-3 distance %.2f Å, expected about %.2f Å", label(mol, a),
                            label(mol, centre), label(mol, c), d, ideal));
                    }
                }
            }
        }
        return ok;
    }

    /** 60° and 90° in three- and four-membered rings, else by the centre's bonds. */
    private static double idealAngle(final IAtomContainer mol, final IAtom centre, final IAtom a, final IAtom c) {
        int ring = IdealAngles.smallRing(mol, mol.indexOf(a), mol.indexOf(c), mol.indexOf(centre));
        return ring == 3 ? 60 : ring == 4 ? 90 : IdealAngles.atCentre(mol, centre);
    }

    private static boolean noClash(final IAtomContainer mol, final String[] problem) {
        int n = mol.getAtomCount();
        boolean ok = true;
        for (int i = 0; i < n; i++) {
            int[] depth = bondDistances(mol, i, 2);
            var ai = mol.getAtom(i);
            for (int j = i + 1; j < n; j++) {
                if (depth[j] >= 0) {
                    continue; // bonded or 1-3: covered by lengths and angles
                }
                var aj = mol.getAtom(j);
                double min = CLASH_SCALE * (vdw(ai) + vdw(aj));
                double d = ai.getPoint3d().distance(aj.getPoint3d());
                if (d < min) {
                    ok = fail(problem, String.format(java.util.Locale.ROOT, "clash %s···%s at %.2f Å (minimum %.2f Å)",
                        label(mol, ai), label(mol, aj), d, min));
                }
            }
        }
        return ok;
    }

    /** @return bond distance from atom start to every atom, −1 beyond maxDepth */
    private static int[] bondDistances(final IAtomContainer mol, final int start, final int maxDepth) {
        var depth = new int[mol.getAtomCount()];
        Arrays.fill(depth, -1);
        depth[start] = 0;
        var queue = new ArrayDeque<Integer>();
        queue.add(start);
        while (!queue.isEmpty()) {
            int a = queue.poll();
            if (depth[a] == maxDepth) {
                continue;
            }
            for (var nb : mol.getConnectedAtomsList(mol.getAtom(a))) {
                int k = mol.indexOf(nb);
                if (depth[k] < 0) {
                    depth[k] = depth[a] + 1;
                    queue.add(k);
                }
            }
        }
        return depth;
    }

    /** Bondi van der Waals radii in Å. */
    static double vdw(final IAtom a) {
        return switch (a.getAtomicNumber()) {
            case 1 -> 1.20;
            case 6 -> 1.70;
            case 7 -> 1.55;
            case 8 -> 1.52;
            case 9 -> 1.47;
            case 15 -> 1.80;
            case 16 -> 1.80;
            case 17 -> 1.75;
            case 35 -> 1.85;
            case 53 -> 1.98;
            default -> 2.0;
        };
    }

    private static boolean flatRings(final IAtomContainer mol, final String[] problem) {
        IAtomContainer arom;
        try {
            arom = MoleculeOutput.aromaticCopy(mol);
        } catch (CDKException e) {
            return fail(problem, "aromaticity: " + e.getMessage());
        }
        boolean ok = true;
        for (var ring : Cycles.sssr(arom).toRingSet().atomContainers()) {
            boolean aromatic = true;
            for (var b : ring.bonds()) {
                aromatic &= b.isAromatic();
            }
            if (!aromatic) {
                continue;
            }
            double dev = planeDeviation(ring);
            if (dev > PLANE_TOLERANCE) {
                ok = fail(problem, String.format(java.util.Locale.ROOT,
                    "aromatic ring at %s is not flat: an atom %.2f Å from its plane", label(arom, ring.getAtom(0)), dev));
            }
        }
        return ok;
    }

    /** @return the largest distance of a ring atom from the least-squares plane through the ring */
    static double planeDeviation(final IAtomContainer ring) {
        int n = ring.getAtomCount();
        var c = new double[3];
        for (var a : ring.atoms()) {
            c[0] += a.getPoint3d().x / n;
            c[1] += a.getPoint3d().y / n;
            c[2] += a.getPoint3d().z / n;
        }
        var cov = new double[3][3];
        for (var a : ring.atoms()) {
            double[] p = {a.getPoint3d().x - c[0], a.getPoint3d().y - c[1], a.getPoint3d().z - c[2]};
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    cov[i][j] += p[i] * p[j];
                }
            }
        }
        var eig = new EigenDecomposition(new Array2DRowRealMatrix(cov, false));
        var ev = eig.getRealEigenvalues();
        int smallest = 0;
        for (int k = 1; k < 3; k++) {
            if (ev[k] < ev[smallest]) {
                smallest = k;
            }
        }
        var normal = eig.getEigenvector(smallest).toArray();
        double max = 0;
        for (var a : ring.atoms()) {
            double d = (a.getPoint3d().x - c[0]) * normal[0] + (a.getPoint3d().y - c[1]) * normal[1]
                + (a.getPoint3d().z - c[2]) * normal[2];
            max = Math.max(max, Math.abs(d));
        }
        return max;
    }
}
