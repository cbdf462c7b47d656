package dev.flowmatch.engine.chem;

import java.io.IOException;
import java.io.StringWriter;

import org.openscience.cdk.aromaticity.Aromaticity;
import org.openscience.cdk.aromaticity.ElectronDonation;
import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.graph.Cycles;
import org.openscience.cdk.inchi.InChIGeneratorFactory;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.interfaces.IBond;
import org.openscience.cdk.io.MDLV2000Writer;
import org.openscience.cdk.smiles.SmiFlavor;
import org.openscience.cdk.smiles.SmilesGenerator;
import org.openscience.cdk.tools.manipulator.AtomContainerManipulator;

import io.github.dan2097.jnainchi.InchiStatus;

/** Canonical SMILES, InChIKey and SDF text of a molecule (the input is never modified). */
public final class MoleculeOutput {

    /** The aromaticity model of the whole package: Daylight's electron donation, all rings. */
    public static final Aromaticity AROMATICITY =
        new Aromaticity(ElectronDonation.daylight(), Cycles.or(Cycles.all(), Cycles.all(6)));

    private static final SmilesGenerator CANONICAL =
        new SmilesGenerator(SmiFlavor.Canonical | SmiFlavor.UseAromaticSymbols);

    private MoleculeOutput() {
    }

    /**
     * Canonical SMILES with aromatic symbols, so that different Kekulé structures of one molecule give the
     * same string (needed for uniqueness and novelty). Stereo is not encoded.
     */
    public static String canonicalSmiles(final IAtomContainer mol) throws CDKException {
        return CANONICAL.create(aromaticCopy(mol));
    }

    /** @return a copy with aromaticity perceived, so that the Kekulé choice no longer matters */
    public static IAtomContainer aromaticCopy(final IAtomContainer mol) throws CDKException {
        try {
            var copy = mol.clone();
            AROMATICITY.apply(copy);
            return copy;
        } catch (CloneNotSupportedException e) {
            throw new CDKException("Cannot copy molecule", e);
        }
    }

    /**
     * @return a copy with hydrogens made implicit, atom types configured and aromaticity perceived: the
     *         form fingerprints, descriptors and scaffolds are computed on
     */
    public static IAtomContainer heavyAromaticCopy(final IAtomContainer mol) throws CDKException {
        try {
            var copy = mol.clone();
            for (var a : copy.atoms()) {
                if (a.getImplicitHydrogenCount() == null) {
                    a.setImplicitHydrogenCount(0); // a molecule built without counts: its hydrogens are explicit
                }
            }
            copy = AtomContainerManipulator.suppressHydrogens(copy);
            AtomContainerManipulator.percieveAtomTypesAndConfigureAtoms(copy);
            AROMATICITY.apply(copy);
            return copy;
        } catch (CloneNotSupportedException e) {
            throw new CDKException("Cannot copy molecule", e);
        }
    }

    /** @return the standard InChIKey; the first block (14 letters) encodes the skeleton */
    public static String inchiKey(final IAtomContainer mol) throws CDKException {
        var gen = InChIGeneratorFactory.getInstance().getInChIGenerator(mol);
        if (gen.getStatus() == InchiStatus.ERROR) {
            throw new CDKException("InChI failed: " + gen.getMessage());
        }
        return gen.getInchiKey();
    }

    /**
     * The first InChIKey block of the bare heavy-atom graph (hydrogens, charges and bond orders removed):
     * equal for two molecules exactly when their heavy-atom connectivity is the same. Robust to how a
     * source writes charges or hydrogens, where the standard InChIKey's first block is not.
     */
    public static String heavyAtomSkeletonKey(final IAtomContainer mol) throws CDKException {
        try {
            var bare = AtomContainerManipulator.removeHydrogens(mol.clone());
            for (var a : bare.atoms()) {
                a.setImplicitHydrogenCount(0);
                a.setFormalCharge(0);
            }
            for (var b : bare.bonds()) {
                b.setOrder(IBond.Order.SINGLE);
                b.setIsAromatic(false);
            }
            return inchiKey(bare).substring(0, 14);
        } catch (CloneNotSupportedException e) {
            throw new CDKException("Cannot copy molecule", e);
        }
    }

    /** @return the SDF record (Mol block with 3D coordinates, then "$$$$") */
    public static String sdf(final IAtomContainer mol) throws CDKException {
        var out = new StringWriter();
        try (var w = new MDLV2000Writer(out)) {
            w.write(mol);
        } catch (IOException e) {
            throw new CDKException("Cannot write SDF: " + e.getMessage(), e);
        }
        return out + "$$$$\n";
    }
}
