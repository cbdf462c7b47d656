package dev.flowmatch.nodes.common;

import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.interfaces.IAtomContainer;

import dev.flowmatch.engine.chem.Conformers;

/** Makes a molecule ready to become a point cloud: given 3D coordinates are kept, missing ones generated. */
public final class Conformations {

    private Conformations() {
    }

    /**
     * @param explicitHydrogens the cloud needs hydrogens with coordinates
     * @return the molecule itself when it has what the cloud needs, else a copy with explicit hydrogens and a
     *         generated conformer (same title)
     * @throws CDKException when no conformer can be generated
     */
    public static IAtomContainer forPointCloud(final IAtomContainer mol, final boolean explicitHydrogens,
        final long seed) throws CDKException {
        if (Conformers.has3D(mol) && (!explicitHydrogens || !hasImplicitHydrogens(mol))) {
            return mol;
        }
        var embedded = Conformers.embed(mol, seed);
        embedded.setTitle(mol.getTitle());
        return embedded;
    }

    private static boolean hasImplicitHydrogens(final IAtomContainer mol) {
        for (var a : mol.atoms()) {
            if (a.getImplicitHydrogenCount() != null && a.getImplicitHydrogenCount() > 0) {
                return true;
            }
        }
        return false;
    }
}
