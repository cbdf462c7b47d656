package dev.flowmatch.engine.chem;

import java.util.ArrayList;
import java.util.List;

import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.graph.ConnectivityChecker;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.smiles.SmiFlavor;
import org.openscience.cdk.smiles.SmilesGenerator;

/**
 * Records of several disconnected fragments: salts, counter-ions, solvates, mixtures, as drug-like inputs are full
 * of. A generative model of molecules should learn the parent compound, so by default the largest organic fragment
 * is kept (most heavy atoms among the fragments with carbon, then most atoms, then the first) and the others are
 * named for the user; a record whose fragments hold no carbon at all (an inorganic salt) has no parent to keep.
 * Single-fragment records, carbon or not (QM9's water and ammonia), are left as they are.
 */
public final class Fragments {

    private Fragments() {
    }

    /**
     * @param molecule the kept fragment (the input itself when it was one fragment), or null when no fragment
     *            holds carbon
     * @param removed SMILES of the fragments removed, in record order (empty when nothing was removed)
     */
    public record Parent(IAtomContainer molecule, List<String> removed) {

        public boolean stripped() {
            return !removed.isEmpty();
        }
    }

    /**
     * @return the record's parent compound and what was removed from it
     * @throws IllegalArgumentException for a record of more than {@link PointCloud#MAX_ATOMS} atoms (hydrogens
     *             counted), which no model here takes: CDK's component search recurses once per atom along a chain,
     *             and a 20 kB SMILES of 6,800 chained carbons overflowed the stack of a loaded machine
     */
    public static Parent largestOrganic(final IAtomContainer m) {
        var tooLarge = Conformers.tooLarge(m);
        if (tooLarge != null) {
            throw new IllegalArgumentException(tooLarge);
        }
        if (m.getAtomCount() == 0 || ConnectivityChecker.isConnected(m)) {
            return new Parent(m, List.of());
        }
        var parts = ConnectivityChecker.partitionIntoMolecules(m);
        IAtomContainer best = null;
        for (var part : parts.atomContainers()) {
            if (organic(part) && (best == null || larger(part, best))) {
                best = part;
            }
        }
        var removed = new ArrayList<String>();
        for (var part : parts.atomContainers()) {
            if (part != best) {
                removed.add(smiles(part));
            }
        }
        if (best != null) {
            best.setTitle(m.getTitle());
            m.getProperties().forEach(best::setProperty);
        }
        return new Parent(best, removed);
    }

    private static boolean organic(final IAtomContainer part) {
        for (var a : part.atoms()) {
            if ("C".equals(a.getSymbol())) {
                return true;
            }
        }
        return false;
    }

    private static boolean larger(final IAtomContainer a, final IAtomContainer b) {
        int ha = heavy(a);
        int hb = heavy(b);
        return ha != hb ? ha > hb : a.getAtomCount() > b.getAtomCount();
    }

    private static int heavy(final IAtomContainer part) {
        int n = 0;
        for (var a : part.atoms()) {
            n += "H".equals(a.getSymbol()) ? 0 : 1;
        }
        return n;
    }

    private static String smiles(final IAtomContainer part) {
        try {
            return new SmilesGenerator(SmiFlavor.Canonical).create(part);
        } catch (CDKException | RuntimeException e) {
            return part.getAtomCount() + " atoms"; // still named, if not writable as SMILES
        }
    }
}
