package dev.flowmatch.engine.chem;

import java.util.ArrayList;
import java.util.List;

import javax.vecmath.Point3d;

import org.openscience.cdk.config.Elements;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.interfaces.IBond;
import org.openscience.cdk.silent.SilentChemObjectBuilder;

/**
 * The way back from atom types and 3D coordinates to a molecule, in the spirit of xyz2mol (Kim and Kim
 * 2015; Jensen): connectivity from covalent radii plus a tolerance, then bond orders that satisfy every
 * atom's valence, then formal charges where no neutral structure exists (nitro groups, zwitterions).
 *
 * <p>With explicit hydrogens the valences fix the bond orders up to Kekulé structures, so an exact
 * search is used. Without hydrogens, bond lengths decide which bonds may be multiple and the remaining
 * valence becomes implicit hydrogens.
 */
public final class BondPerception {

    /**
     * Whether the input lists its hydrogens. AUTO: explicit if the input has a hydrogen atom; without any,
     * explicit if that still satisfies every valence (hydrogen-free molecules such as CN4O3 exist),
     * otherwise hydrogens are inferred.
     */
    public enum Hydrogens {
        AUTO, EXPLICIT, INFER
    }

    /**
     * @param tolerance Å added to the sum of covalent radii for two atoms to count as bonded (0.45 as OpenBabel)
     * @param hydrogens whether hydrogens are explicit
     * @param totalCharge the molecule's net charge
     * @param charges the atoms' formal charges when they are known (a generative model's atom types): bond
     *            orders are then found for exactly these charges and none is added or changed, so an atom
     *            whose charge does not fit its bonds stays unsatisfied; null to perceive charges (nitro
     *            groups, zwitterions) where no neutral structure exists
     */
    public record Options(double tolerance, Hydrogens hydrogens, int totalCharge, int[] charges) {
        public static Options defaults() {
            return new Options(0.45, Hydrogens.AUTO, 0, null);
        }

        /** @return these options with the atoms' formal charges fixed */
        public Options withCharges(final int[] fixed) {
            return new Options(tolerance, hydrogens, totalCharge, fixed.clone());
        }
    }

    /**
     * @param molecule the perceived molecule (new atoms; coordinates kept)
     * @param valencesSatisfied true if every covered atom has an allowed valence for its charge
     */
    public record Result(IAtomContainer molecule, boolean valencesSatisfied) {
    }

    private static final int MAX_CHARGE_FLIPS = 4;

    private BondPerception() {
    }

    public static Result perceive(final IAtomContainer atoms) {
        return perceive(atoms, Options.defaults());
    }

    /** @throws IllegalArgumentException if an atom lacks 3D coordinates */
    public static Result perceive(final IAtomContainer atoms, final Options options) {
        var g = AtomGraph.of(atoms, options.tolerance());
        var fixed = options.charges();
        if (fixed != null && fixed.length != g.size()) {
            throw new IllegalArgumentException(fixed.length + " charges given for " + g.size() + " atoms.");
        }
        var result = switch (options.hydrogens()) {
            case EXPLICIT -> withExplicitHydrogens(g, options.totalCharge(), false, fixed);
            case INFER -> withImplicitHydrogens(g, fixed);
            case AUTO -> {
                if (g.hasHydrogen()) {
                    yield withExplicitHydrogens(g, options.totalCharge(), false, fixed);
                }
                // No hydrogen atoms: hydrogen-free molecules exist (CO2, CN4O3), but a heavy-atom-only
                // cloud would also "fit" with absurd triple bonds. Accept the explicit reading only if its
                // multiple bonds are short enough to be real.
                var explicit = withExplicitHydrogens(g, options.totalCharge(), true, fixed);
                yield explicit.valencesSatisfied() && fitsShapes(g, explicit.molecule()) ? explicit
                    : withImplicitHydrogens(g, fixed);
            }
        };
        result.molecule().setTitle(atoms.getTitle());
        return result;
    }

    private static Result withExplicitHydrogens(final AtomGraph g, final int totalCharge, final boolean byLength,
        final int[] fixed) {
        int n = g.size();
        var charge = new int[n];
        var target = new int[n];
        initialTargets(g, charge, target, true, fixed);
        var edges = multipleBondCandidates(g, byLength);
        var extra = BondOrderSolver.solvePerfect(need(g, target), edges);
        if (extra == null) {
            extra = withChargeSeparation(g, edges, charge, target, totalCharge, !byLength, fixed != null);
        }
        boolean complete = extra != null;
        if (extra == null) {
            extra = BondOrderSolver.solveGreedy(need(g, target), edges);
        }
        return build(g, edges, extra, charge, new int[n], complete);
    }

    /**
     * Tries combinations of up to four changes of an atom's state (a higher valence, or a charge of +1 or
     * -1), fewest first, until every valence fits and the net charge is right.
     */
    private static int[] withChargeSeparation(final AtomGraph g, final List<BondOrderSolver.Edge> edges,
        final int[] charge, final int[] target, final int totalCharge, final boolean chargedCarbon,
        final boolean chargesFixed) {
        var flips = new ArrayList<int[]>(); // {atom, newCharge, newTarget}
        for (int i = 0; i < g.size(); i++) {
            if (!chargedCarbon && g.z(i) == 6) {
                continue; // carbanions/cations only where hydrogens prove them (isocyanides, ylides)
            }
            if (charge[i] != 0 && !chargesFixed) {
                continue;
            }
            // Hypervalent S and P first (sulfones, phosphates): a higher valence at the same charge.
            for (int v : Valences.allowed(g.z(i), charge[i])) {
                if (v > target[i]) {
                    flips.add(new int[]{i, charge[i], v});
                }
            }
            for (int q : chargesFixed ? new int[0] : new int[]{1, -1}) {
                var s = lowestState(g.z(i), g.degree(i), q);
                if (s != null) {
                    flips.add(new int[]{i, s[0], s[1]});
                }
            }
        }
        int current = 0;
        for (int q : charge) {
            current += q;
        }
        for (int k = 1; k <= MAX_CHARGE_FLIPS; k++) {
            // with fixed charges only valence changes are tried, and they leave the net charge as it is
            var r = tryFlips(g, edges, charge, target, flips, new int[k], 0, 0,
                chargesFixed ? 0 : totalCharge - current);
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    private static int[] tryFlips(final AtomGraph g, final List<BondOrderSolver.Edge> edges, final int[] charge,
        final int[] target, final List<int[]> flips, final int[] chosen, final int depth, final int from,
        final int chargeToAdd) {
        if (depth == chosen.length) {
            int sum = 0;
            for (int f : chosen) {
                sum += flips.get(f)[1] - charge[flips.get(f)[0]];
            }
            if (sum != chargeToAdd) {
                return null;
            }
            var t = target.clone();
            for (int f : chosen) {
                t[flips.get(f)[0]] = flips.get(f)[2];
            }
            var extra = BondOrderSolver.solvePerfect(need(g, t), edges);
            if (extra != null) {
                for (int f : chosen) {
                    charge[flips.get(f)[0]] = flips.get(f)[1];
                    target[flips.get(f)[0]] = flips.get(f)[2];
                }
            }
            return extra;
        }
        for (int f = from; f < flips.size(); f++) {
            boolean sameAtom = false;
            for (int d = 0; d < depth; d++) {
                sameAtom |= flips.get(chosen[d])[0] == flips.get(f)[0];
            }
            if (sameAtom) {
                continue;
            }
            chosen[depth] = f;
            var r = tryFlips(g, edges, charge, target, flips, chosen, depth + 1, f + 1, chargeToAdd);
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    /**
     * Without hydrogens valences cannot tell multiple bonds from hydrogens, geometry must: a bond is a
     * double/aromatic or triple candidate by its length, an atom may take π bonds if it has such a bond
     * and is planar (two if linear). Atoms then get exactly their π bonds (exact matching); when that is
     * impossible (an odd π count, e.g. an amide N next to C=O) the atom with the least convincing
     * candidate bond gives up one π bond, and so on. What valence remains becomes implicit hydrogens.
     */
    private static Result withImplicitHydrogens(final AtomGraph g, final int[] fixed) {
        int n = g.size();
        var target = new int[n];
        var charge = new int[n];
        initialTargets(g, charge, target, false, fixed);
        var need = need(g, target);
        var edges = multipleBondCandidates(g, true);
        var pi = new int[n];
        var weakness = new double[n]; // best (smallest) double-bond ratio among candidate bonds
        java.util.Arrays.fill(weakness, Double.MAX_VALUE);
        for (var e : edges) {
            for (int end : new int[]{e.a(), e.b()}) {
                int geometric = g.degree(end) == 1 ? e.maxExtra() : g.piCapacityFromShape(end);
                pi[end] = Math.max(pi[end], Math.min(geometric, need[end]));
                // On a tie, drop heteroatoms first: a pyrrole-type N or a furan O keeps its lone pair.
                double bias = g.z(end) == 6 ? 0 : 0.02;
                weakness[end] = Math.min(weakness[end], bias + BondLengths.doubleBondRatio(g.z(e.a()), g.z(e.b()),
                    g.point(e.a()).distance(g.point(e.b()))));
            }
        }
        var extra = BondOrderSolver.solvePerfect(pi, edges);
        while (extra == null) {
            int weakest = -1;
            for (int i = 0; i < n; i++) {
                if (pi[i] > 0 && (weakest < 0 || weakness[i] > weakness[weakest])) {
                    weakest = i;
                }
            }
            if (weakest < 0) {
                extra = new int[edges.size()];
                break;
            }
            pi[weakest]--;
            extra = BondOrderSolver.solvePerfect(pi, edges);
        }
        var hydrogens = need.clone();
        for (int e = 0; e < edges.size(); e++) {
            hydrogens[edges.get(e).a()] -= extra[e];
            hydrogens[edges.get(e).b()] -= extra[e];
        }
        return build(g, edges, extra, charge, hydrogens, true);
    }

    /** @return true if no atom has more π bonds than its geometry allows (see AtomGraph#piCapacityFromShape) */
    private static boolean fitsShapes(final AtomGraph g, final IAtomContainer mol) {
        for (int i = 0; i < g.size(); i++) {
            int pi = 0;
            for (var b : mol.getConnectedBondsList(mol.getAtom(i))) {
                pi += b.getOrder().numeric() - 1;
            }
            if (pi > 0 && g.degree(i) > 1 && pi > g.piCapacityFromShape(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Each atom's charge and valence target. With fixed charges: the smallest valence its degree allows at its
     * charge (else its degree, which leaves it unsatisfied). Otherwise the smallest neutral valence its degree
     * allows; with {@code cations}, an atom that no neutral valence fits (N with four neighbours) becomes a
     * cation. Else the degree.
     */
    private static void initialTargets(final AtomGraph g, final int[] charge, final int[] target,
        final boolean cations, final int[] fixed) {
        for (int i = 0; i < g.size(); i++) {
            if (fixed != null) {
                var state = lowestState(g.z(i), g.degree(i), fixed[i]);
                charge[i] = fixed[i];
                target[i] = state == null ? g.degree(i) : state[1];
                continue;
            }
            var state = lowestState(g.z(i), g.degree(i), 0);
            if (state == null && cations) {
                state = lowestState(g.z(i), g.degree(i), 1);
            }
            charge[i] = state == null ? 0 : state[0];
            target[i] = state == null ? g.degree(i) : state[1];
        }
    }

    /** @return {charge, valence}: the smallest allowed valence at that charge reachable from the degree */
    private static int[] lowestState(final int z, final int degree, final int charge) {
        for (int v : Valences.allowed(z, charge)) {
            if (v >= degree) {
                return new int[]{charge, v};
            }
        }
        return null;
    }

    private static int[] need(final AtomGraph g, final int[] target) {
        var need = new int[g.size()];
        for (int i = 0; i < need.length; i++) {
            need[i] = Math.max(0, target[i] - g.degree(i));
        }
        return need;
    }

    /**
     * Bonds that may carry extra orders. Bonds to hydrogen or halogens never do. Judged by length, a bond
     * may take only what its length says ({@link BondLengths#multiplicity}: 1 for double or aromatic,
     * 2 for triple, 0 for single).
     */
    private static List<BondOrderSolver.Edge> multipleBondCandidates(final AtomGraph g, final boolean byLength) {
        var edges = new ArrayList<BondOrderSolver.Edge>();
        for (var b : g.bonds()) {
            int a = b[0];
            int c = b[1];
            if (Valences.maxDegree(g.z(a)) == 1 || Valences.maxDegree(g.z(c)) == 1) {
                continue;
            }
            int max = byLength ? BondLengths.multiplicity(g.z(a), g.z(c), g.point(a).distance(g.point(c))) : 2;
            if (max > 0) {
                edges.add(new BondOrderSolver.Edge(a, c, max));
            }
        }
        return edges;
    }

    private static Result build(final AtomGraph g, final List<BondOrderSolver.Edge> edges, final int[] extra,
        final int[] charge, final int[] implicitH, final boolean solved) {
        var builder = SilentChemObjectBuilder.getInstance();
        var mol = builder.newAtomContainer();
        for (int i = 0; i < g.size(); i++) {
            var e = Elements.ofNumber(g.z(i));
            var atom = builder.newAtom();
            atom.setAtomicNumber(e.number());
            atom.setSymbol(e.symbol());
            atom.setFormalCharge(charge[i]);
            atom.setImplicitHydrogenCount(implicitH[i]);
            atom.setPoint3d(new Point3d(g.point(i)));
            mol.addAtom(atom);
        }
        for (var b : g.bonds()) {
            mol.addBond(b[0], b[1], IBond.Order.SINGLE);
        }
        for (int e = 0; e < edges.size(); e++) {
            if (extra[e] > 0) {
                var bond = mol.getBond(mol.getAtom(edges.get(e).a()), mol.getAtom(edges.get(e).b()));
                bond.setOrder(extra[e] == 1 ? IBond.Order.DOUBLE : IBond.Order.TRIPLE);
            }
        }
        boolean satisfied = solved;
        for (int i = 0; i < g.size() && satisfied; i++) {
            var atom = mol.getAtom(i);
            int valence = implicitH[i];
            for (var bond : mol.getConnectedBondsList(atom)) {
                valence += bond.getOrder().numeric();
            }
            satisfied = Valences.allowed(g.z(i), charge[i]).length == 0
                || Valences.isAllowed(g.z(i), charge[i], valence);
        }
        return new Result(mol, satisfied);
    }
}
