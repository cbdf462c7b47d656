package dev.flowmatch.engine.chem;

import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.tools.manipulator.AtomContainerManipulator;

/**
 * 3D coordinates for molecules that have none (e.g. read from SMILES). Hydrogens are made explicit first,
 * because the point-cloud representation with hydrogens needs their positions; then {@link
 * DistanceGeometry} embeds the graph. CDK's ModelBuilder3D is not used: it builds broken geometries for
 * small rings (cyclobutanone with a 2.3 Å C-C bond, furan and imidazole torn apart) and fails outright on
 * some oximes. Molecules that already have 3D coordinates on every atom are returned as they are (copied).
 */
public final class Conformers {

    private Conformers() {
    }

    /** @return true if every atom has 3D coordinates */
    public static boolean has3D(final IAtomContainer mol) {
        for (var a : mol.atoms()) {
            if (a.getPoint3d() == null) {
                return false;
            }
        }
        return mol.getAtomCount() > 0;
    }

    /** Same as {@link #embed(IAtomContainer, long)} with seed 0. */
    public static IAtomContainer embed(final IAtomContainer mol) throws CDKException {
        return embed(mol, 0);
    }

    /**
     * @return a copy with explicit hydrogens and 3D coordinates on every atom (deterministic per seed)
     * @throws CDKException naming the reason when no acceptable geometry is found
     */
    public static IAtomContainer embed(final IAtomContainer mol, final long seed) throws CDKException {
        IAtomContainer copy;
        try {
            copy = mol.clone();
        } catch (CloneNotSupportedException e) {
            throw new CDKException("Cannot copy molecule", e);
        }
        if (has3D(copy) && noImplicitHydrogens(copy)) {
            return copy;
        }
        var tooLarge = tooLarge(copy); // before any n² array: a 20,000-atom record must not exhaust memory
        if (tooLarge != null) {
            throw new CDKException(tooLarge);
        }
        AtomContainerManipulator.convertImplicitToExplicitHydrogens(copy);
        javax.vecmath.Point3d[] points;
        try {
            points = DistanceGeometry.embed(copy, seed);
        } catch (IllegalStateException e) {
            throw new CDKException("No acceptable 3D geometry found for " + describe(copy) + ": " + e.getMessage()
                + ".");
        }
        for (int i = 0; i < points.length; i++) {
            copy.getAtom(i).setPoint3d(points[i]);
        }
        return copy;
    }

    /**
     * Makes a molecule ready to become a point cloud: given 3D coordinates are kept, missing ones generated.
     *
     * @param explicitHydrogens the cloud needs hydrogens with coordinates
     * @return the molecule itself when it already has what the cloud needs, else {@link #embed(IAtomContainer,
     *         long)}'s copy (explicit hydrogens, generated conformer, same title)
     * @throws CDKException when no conformer can be generated
     */
    public static IAtomContainer forPointCloud(final IAtomContainer mol, final boolean explicitHydrogens,
        final long seed) throws CDKException {
        if (has3D(mol) && (!explicitHydrogens || noImplicitHydrogens(mol))) {
            return mol;
        }
        return embed(mol, seed);
    }

    /** @return the title and the molecular formula (hydrogens explicit), e.g. "row 3 (C50H102)" */
    private static String describe(final IAtomContainer mol) {
        var formula = org.openscience.cdk.tools.manipulator.MolecularFormulaManipulator.getString(
            org.openscience.cdk.tools.manipulator.MolecularFormulaManipulator.getMolecularFormula(mol));
        var t = mol.getTitle();
        return t == null || t.isBlank() ? formula : t + " (" + formula + ")";
    }

    private static boolean noImplicitHydrogens(final IAtomContainer mol) {
        for (var a : mol.atoms()) {
            if (a.getImplicitHydrogenCount() != null && a.getImplicitHydrogenCount() > 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The one size limit every reader of molecules applies: above {@link PointCloud#MAX_ATOMS} atoms (implicit
     * hydrogens counted) no model takes the molecule, and CDK's recursive graph searches could exhaust a thread's
     * stack on it.
     *
     * @return why the molecule is refused, or null when it is within the limit
     */
    public static String tooLarge(final IAtomContainer mol) {
        int atoms = mol.getAtomCount();
        for (var a : mol.atoms()) {
            atoms += a.getImplicitHydrogenCount() == null ? 0 : a.getImplicitHydrogenCount();
        }
        return atoms <= PointCloud.MAX_ATOMS ? null : String.format(java.util.Locale.ROOT, "it has %,d atoms with"
            + " hydrogens, more than the %,d a molecule may have here", atoms, PointCloud.MAX_ATOMS);
    }
}
