package dev.flowmatch.engine.chem;

import javax.vecmath.Point3d;

import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.silent.SilentChemObjectBuilder;

/**
 * The way back from a generated point cloud to a molecule: atoms from the vocabulary at the generated
 * coordinates, with the formal charges of the generated atom types, bonds and orders perceived from geometry
 * for exactly those charges ({@link BondPerception}; hydrogens inferred when the model has none; no charge
 * is invented to make valences fit), then the checks ({@link MoleculeChecks}: validity, connected validity,
 * EDM stability with the generated charges) and the outputs (canonical SMILES, SDF).
 */
public final class Reconstruction {

    /**
     * @param molecule the perceived molecule (atoms only if perception failed)
     * @param smiles canonical SMILES, or null when it cannot be written
     * @param sdf SDF record with 3D coordinates
     * @param report validity, connectivity and stability
     */
    public record Result(IAtomContainer molecule, String smiles, String sdf, MoleculeChecks.Report report) {
    }

    private Reconstruction() {
    }

    /** @return the atoms of a cloud (element, charge, coordinates in Å), without bonds */
    public static IAtomContainer atoms(final PointCloud cloud, final AtomVocabulary vocabulary) {
        var builder = SilentChemObjectBuilder.getInstance();
        var mol = builder.newAtomContainer();
        var c = cloud.coords();
        for (int i = 0; i < cloud.size(); i++) {
            var spec = vocabulary.get(cloud.types()[i]);
            var atom = builder.newAtom();
            atom.setAtomicNumber(spec.atomicNumber());
            atom.setSymbol(spec.symbol());
            atom.setFormalCharge(spec.charge());
            atom.setImplicitHydrogenCount(0);
            atom.setPoint3d(new Point3d(c[3 * i], c[3 * i + 1], c[3 * i + 2]));
            mol.addAtom(atom);
        }
        mol.setTitle(cloud.id());
        return mol;
    }

    /**
     * @param explicitHydrogens the cloud lists its hydrogens (else they are inferred)
     */
    public static Result rebuild(final PointCloud cloud, final AtomVocabulary vocabulary,
        final boolean explicitHydrogens) {
        var atoms = atoms(cloud, vocabulary);
        var charges = new int[cloud.size()];
        int charge = 0;
        for (int i = 0; i < charges.length; i++) {
            charges[i] = vocabulary.get(cloud.types()[i]).charge();
            charge += charges[i];
        }
        IAtomContainer mol;
        try {
            mol = BondPerception.perceive(atoms, new BondPerception.Options(
                BondPerception.Options.defaults().tolerance(),
                explicitHydrogens ? BondPerception.Hydrogens.EXPLICIT : BondPerception.Hydrogens.INFER, charge,
                null).withCharges(charges)).molecule();
            mol.setTitle(cloud.id());
        } catch (RuntimeException e) {
            mol = atoms;
        }
        var report = MoleculeChecks.check(mol);
        String smiles = null;
        String sdf;
        try {
            smiles = MoleculeOutput.canonicalSmiles(mol);
        } catch (CDKException | RuntimeException e) {
            // no SMILES for a molecule CDK cannot write; the report says why it is invalid
        }
        try {
            sdf = MoleculeOutput.sdf(mol);
        } catch (CDKException | RuntimeException e) {
            try {
                sdf = MoleculeOutput.sdf(atoms);
            } catch (CDKException | RuntimeException again) {
                sdf = null;
            }
        }
        return new Result(mol, smiles, sdf, report);
    }
}
