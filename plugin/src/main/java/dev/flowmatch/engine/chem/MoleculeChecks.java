package dev.flowmatch.engine.chem;

import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.graph.ConnectivityChecker;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.tools.manipulator.AtomContainerManipulator;

/**
 * Checks on a molecule with bonds: validity (CDK can type every atom, i.e. valences and charges make
 * sense, and aromaticity perception succeeds), connectivity (one fragment), and atom/molecule stability as
 * in the EDM paper: an atom is stable if its bond-order sum (implicit hydrogens included) is an allowed
 * valence for its element and charge ({@link Valences}); a molecule if all its atoms are.
 */
public final class MoleculeChecks {

    /** The result of all checks for one molecule. */
    public record Report(boolean valid, boolean connected, int stableAtoms, int atoms, String problem) {
        public boolean moleculeStable() {
            return stableAtoms == atoms;
        }
    }

    private MoleculeChecks() {
    }

    public static Report check(final IAtomContainer mol) {
        int stable = 0;
        for (var atom : mol.atoms()) {
            if (isStable(mol, atom)) {
                stable++;
            }
        }
        var problem = validityProblem(mol);
        return new Report(problem == null, isConnected(mol), stable, mol.getAtomCount(), problem);
    }

    public static boolean isConnected(final IAtomContainer mol) {
        return mol.getAtomCount() > 0 && ConnectivityChecker.isConnected(mol);
    }

    /** EDM atom stability: the bond-order sum is an allowed valence for the element and formal charge. */
    public static boolean isStable(final IAtomContainer mol, final IAtom atom) {
        int valence = atom.getImplicitHydrogenCount() == null ? 0 : atom.getImplicitHydrogenCount();
        for (var bond : mol.getConnectedBondsList(atom)) {
            if (bond.getOrder() == null || bond.getOrder().numeric() == 0) {
                return false;
            }
            valence += bond.getOrder().numeric();
        }
        int charge = atom.getFormalCharge() == null ? 0 : atom.getFormalCharge();
        return Valences.isAllowed(atom.getAtomicNumber(), charge, valence);
    }

    /** @return null if valid, else the first reason (naming the atom) why CDK cannot sanitize it */
    public static String validityProblem(final IAtomContainer mol) {
        if (mol.getAtomCount() == 0) {
            return "no atoms";
        }
        try {
            var copy = mol.clone();
            AtomContainerManipulator.percieveAtomTypesAndConfigureAtoms(copy);
            for (int i = 0; i < copy.getAtomCount(); i++) {
                var a = copy.getAtom(i);
                if (a.getAtomTypeName() == null || "X".equals(a.getAtomTypeName())) {
                    return "atom " + (i + 1) + " (" + a.getSymbol() + ") has no valid atom type for its bonds"
                        + " and charge";
                }
            }
            MoleculeOutput.AROMATICITY.apply(copy);
            return null;
        } catch (CloneNotSupportedException | CDKException | RuntimeException e) {
            return "cannot be sanitized: " + e.getMessage();
        }
    }
}
