package dev.flowmatch.engine.chem;

import java.util.Arrays;
import java.util.Locale;

import org.openscience.cdk.aromaticity.Kekulization;
import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.graph.ConnectedComponents;
import org.openscience.cdk.graph.ConnectivityChecker;
import org.openscience.cdk.graph.GraphUtil;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.interfaces.IBond;
import org.openscience.cdk.tools.manipulator.AtomContainerManipulator;

/**
 * The checks generative-chemistry papers report, on a molecule with bonds and the formal charges it carries
 * (for a generated molecule: the charges of the atom types the model generated, never ones that bond
 * perception invented to make valences fit).
 *
 * <ul>
 * <li><b>Atom stability by perceived bonds</b>: the atom's bond-order sum over the molecule's (perceived) bonds,
 * implicit hydrogens included, is an allowed valence for its element at its formal charge ({@link Valences}); a
 * molecule is stable when all its atoms are. The <b>neutral-table</b> variant judges every atom by its
 * element's neutral valences. This is <em>not</em> EDM's rule, which reads bond orders from distances alone
 * ({@code dev.flowmatch.engine.metrics.EdmStability}): perception chooses the orders that fit the valences,
 * so a stretched double bond still counts as double here.</li>
 * <li><b>Validity</b> (MiDi's protocol, stricter): the largest fragment is a closed-shell molecule: every atom
 * has an allowed valence for its charge (no radicals, no hypervalent C/N/O), aromatic rings can be
 * kekulized, and CDK types every atom.</li>
 * <li><b>Connected validity</b>: valid and a single fragment, the headline number.</li>
 * </ul>
 */
public final class MoleculeChecks {

    /**
     * The result of all checks for one molecule.
     *
     * @param valid the largest fragment is a closed-shell molecule (see the class comment)
     * @param fragments number of connected pieces (0 for no atoms)
     * @param stableAtoms atoms with an allowed valence at their own formal charge
     * @param neutralStableAtoms atoms with an allowed valence of the neutral table
     * @param atoms atom count
     * @param problem why the molecule is not valid, naming the atom; null when valid
     */
    public record Report(boolean valid, int fragments, int stableAtoms, int neutralStableAtoms, int atoms,
        String problem) {

        /** @return one fragment */
        public boolean connected() {
            return fragments == 1;
        }

        /** @return valid and one fragment */
        public boolean connectedValid() {
            return valid && fragments == 1;
        }

        /** @return every atom's perceived bonds give an allowed valence at its charge (not EDM's rule) */
        public boolean perceivedMoleculeStable() {
            return atoms > 0 && stableAtoms == atoms;
        }

        public boolean perceivedNeutralMoleculeStable() {
            return atoms > 0 && neutralStableAtoms == atoms;
        }
    }

    private MoleculeChecks() {
    }

    public static Report check(final IAtomContainer mol) {
        int n = mol.getAtomCount();
        if (n == 0) {
            return new Report(false, 0, 0, 0, 0, "no atoms");
        }
        var kekule = kekuleCopy(mol);
        var orders = kekule == null ? mol : kekule;
        var valence = new int[n];
        int stable = 0;
        int neutral = 0;
        for (int i = 0; i < n; i++) {
            var atom = orders.getAtom(i);
            valence[i] = valence(orders, atom);
            stable += fits(atom, charge(atom), valence[i]) ? 1 : 0;
            neutral += fits(atom, 0, valence[i]) ? 1 : 0;
        }
        var components = new ConnectedComponents(GraphUtil.toAdjList(orders));
        var inLargest = largestComponent(components);
        String problem = kekule == null ? "an aromatic ring cannot be kekulized" : null;
        for (int i = 0; i < n && problem == null; i++) {
            if (inLargest[i]) {
                problem = valenceProblem(orders.getAtom(i), i, valence[i]);
            }
        }
        if (problem == null) {
            problem = typingProblem(orders, inLargest);
        }
        return new Report(problem == null, components.nComponents(), stable, neutral, n, problem);
    }

    public static boolean isConnected(final IAtomContainer mol) {
        return mol.getAtomCount() > 0 && ConnectivityChecker.isConnected(mol);
    }

    /** @return the fragment with the most atoms (the first of equals), or the molecule itself when connected */
    public static IAtomContainer largestFragment(final IAtomContainer mol) {
        if (mol.getAtomCount() == 0 || ConnectivityChecker.isConnected(mol)) {
            return mol;
        }
        IAtomContainer best = null;
        for (var p : ConnectivityChecker.partitionIntoMolecules(mol).atomContainers()) {
            if (best == null || p.getAtomCount() > best.getAtomCount()) {
                best = p;
            }
        }
        return best;
    }

    /** @return per atom: in the component with the most atoms (the lowest-numbered of equals) */
    private static boolean[] largestComponent(final ConnectedComponents components) {
        var label = components.components();
        var size = new int[components.nComponents() + 1];
        for (int l : label) {
            size[l]++;
        }
        int best = 1;
        for (int l = 2; l < size.length; l++) {
            best = size[l] > size[best] ? l : best;
        }
        var in = new boolean[label.length];
        for (int i = 0; i < label.length; i++) {
            in[i] = label[i] == best;
        }
        return in;
    }

    /**
     * Atom stability by perceived bonds: the bond-order sum of the molecule's bonds is an allowed valence for the
     * element and its formal charge (EDM's valence table over perceived orders; not EDM's rule, which reads the
     * orders from distances).
     */
    public static boolean isStable(final IAtomContainer mol, final IAtom atom) {
        return fits(atom, charge(atom), valence(mol, atom));
    }

    /** @return the valence (−1: unknown) is allowed for the atom's element at the given charge */
    private static boolean fits(final IAtom atom, final int charge, final int valence) {
        return valence >= 0 && Valences.isAllowed(atom.getAtomicNumber(), charge, valence);
    }

    /** @return bond-order sum with implicit hydrogens, or −1 when a bond has no order (unkekulized aromatic) */
    private static int valence(final IAtomContainer mol, final IAtom atom) {
        int valence = atom.getImplicitHydrogenCount() == null ? 0 : atom.getImplicitHydrogenCount();
        for (var bond : mol.getConnectedBondsList(atom)) {
            if (bond.getOrder() == null || bond.getOrder() == IBond.Order.UNSET) {
                return -1;
            }
            valence += bond.getOrder().numeric();
        }
        return valence;
    }

    private static int charge(final IAtom atom) {
        return atom.getFormalCharge() == null ? 0 : atom.getFormalCharge();
    }

    /** @return the molecule with every bond order set (kekulized copy if it has unset aromatic orders), or null */
    private static IAtomContainer kekuleCopy(final IAtomContainer mol) {
        boolean unset = false;
        for (var b : mol.bonds()) {
            unset |= b.getOrder() == null || b.getOrder() == IBond.Order.UNSET;
        }
        if (!unset) {
            return mol;
        }
        try {
            var copy = mol.clone();
            Kekulization.kekulize(copy);
            return copy;
        } catch (CloneNotSupportedException | CDKException | RuntimeException e) {
            return null;
        }
    }

    /** @return null if the atom's valence is allowed at its charge, else a sentence naming it */
    private static String valenceProblem(final IAtom atom, final int index, final int valence) {
        int q = charge(atom);
        if (fits(atom, q, valence)) {
            return null;
        }
        var allowed = Valences.allowed(atom.getAtomicNumber(), q);
        String what = allowed.length == 0 ? "no valence rule covers this element and charge"
            : valence < allowed[0] ? "a radical" : "hypervalent";
        return String.format(Locale.ROOT, "atom %d (%s%s) has bond-order sum %d, allowed %s: %s", index + 1,
            atom.getSymbol(), q == 0 ? "" : q > 0 ? "+" + q : "" + q, valence, Arrays.toString(allowed), what);
    }

    /** @return null if CDK assigns an atom type to every atom and perceives aromaticity, else the first reason */
    public static String validityProblem(final IAtomContainer mol) {
        if (mol.getAtomCount() == 0) {
            return "no atoms";
        }
        return typingProblem(mol, null);
    }

    /** @param only atoms to check (null: all) */
    private static String typingProblem(final IAtomContainer mol, final boolean[] only) {
        try {
            // Atom types depend on an atom and its neighbours only: typing the whole molecule and reading the
            // atoms of one fragment equals typing that fragment alone.
            var copy = mol.clone();
            AtomContainerManipulator.percieveAtomTypesAndConfigureAtoms(copy);
            for (int i = 0; i < copy.getAtomCount(); i++) {
                var a = copy.getAtom(i);
                if ((only == null || only[i]) && (a.getAtomTypeName() == null || "X".equals(a.getAtomTypeName()))) {
                    return "atom " + (i + 1) + " (" + a.getSymbol() + ") has no CDK atom type for its bonds and charge";
                }
            }
            MoleculeOutput.AROMATICITY.apply(copy);
            return null;
        } catch (CloneNotSupportedException | CDKException | RuntimeException e) {
            return "cannot be sanitized: " + e.getMessage();
        }
    }
}
