package dev.flowmatch.engine.encoder;

import org.openscience.cdk.aromaticity.Aromaticity;
import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.graph.ConnectivityChecker;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.tools.manipulator.AtomContainerManipulator;

/** The molecule form CDK's descriptors and MACCS keys expect, made on a copy so the caller's is unchanged. */
final class CdkPreparation {

    private CdkPreparation() {
    }

    /** @return a copy with hydrogens as implicit counts, perceived atom types and aromaticity */
    static IAtomContainer prepared(final IAtomContainer molecule) throws CDKException, CloneNotSupportedException {
        var copy = molecule.clone();
        for (var a : copy.atoms()) {
            if (a.getImplicitHydrogenCount() == null) {
                a.setImplicitHydrogenCount(0);
            }
        }
        copy = AtomContainerManipulator.suppressHydrogens(copy);
        AtomContainerManipulator.percieveAtomTypesAndConfigureAtoms(copy);
        Aromaticity.cdkLegacy().apply(copy);
        return copy;
    }

    /** @return the connected component with the most atoms (the parent of a salt or solvate), or the molecule */
    static IAtomContainer largestFragment(final IAtomContainer molecule) {
        if (ConnectivityChecker.isConnected(molecule)) {
            return molecule;
        }
        IAtomContainer best = null;
        for (var part : ConnectivityChecker.partitionIntoMolecules(molecule).atomContainers()) {
            if (best == null || part.getAtomCount() > best.getAtomCount()) {
                best = part;
            }
        }
        return best;
    }
}
