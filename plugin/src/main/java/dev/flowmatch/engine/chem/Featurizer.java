package dev.flowmatch.engine.chem;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.smiles.SmiFlavor;
import org.openscience.cdk.smiles.SmilesGenerator;

/**
 * Molecule (with 3D coordinates) to {@link PointCloud}: chooses the atoms (with or without hydrogens),
 * orders them, maps them to vocabulary indices and centres the coordinates. Errors name the molecule and
 * the atom; the caller turns them into per-row warnings.
 */
public final class Featurizer {

    /** Which atoms become points. */
    public enum Hydrogens {
        /** Every atom, hydrogens included; the molecule must list its hydrogens with coordinates. */
        EXPLICIT,
        /** Heavy atoms only; hydrogens are inferred again after generation. */
        NONE
    }

    /** The order of atoms in the cloud. */
    public enum AtomOrder {
        /** Canonical SMILES output order (as TABASCO): the same molecule always gives the same order. */
        CANONICAL,
        /** A random permutation from the given seed. */
        RANDOM,
        /** As in the input. */
        INPUT
    }

    /** @param maxAtoms largest allowed atom count after hydrogen handling; 0 for no limit */
    public record Options(Hydrogens hydrogens, AtomOrder order, int maxAtoms) {
        public static Options defaults() {
            return new Options(Hydrogens.EXPLICIT, AtomOrder.CANONICAL, 0);
        }
    }

    private final AtomVocabulary m_vocabulary;

    private final Options m_options;

    public Featurizer(final AtomVocabulary vocabulary, final Options options) {
        m_vocabulary = vocabulary;
        m_options = options;
    }

    public AtomVocabulary vocabulary() {
        return m_vocabulary;
    }

    /**
     * @param seed used only by {@link AtomOrder#RANDOM}
     * @throws IllegalArgumentException with the reason: missing coordinates or hydrogens, unknown atom
     *             type, too many atoms
     */
    public PointCloud featurize(final IAtomContainer mol, final long seed) {
        var id = mol.getTitle() == null || mol.getTitle().isEmpty() ? "(untitled)" : mol.getTitle();
        var atoms = selectAtoms(mol, id);
        if (m_options.maxAtoms() > 0 && atoms.size() > m_options.maxAtoms()) {
            throw new IllegalArgumentException("Molecule " + id + " has " + atoms.size()
                + " atoms, more than the maximum of " + m_options.maxAtoms() + ".");
        }
        order(mol, atoms, seed, id);
        int n = atoms.size();
        var types = new int[n];
        var coords = new float[3 * n];
        double cx = 0;
        double cy = 0;
        double cz = 0;
        for (int k = 0; k < n; k++) {
            var a = mol.getAtom(atoms.get(k));
            int t = m_vocabulary.indexOf(AtomSpec.of(a));
            if (t < 0) {
                throw new IllegalArgumentException("Molecule " + id + ": atom " + (atoms.get(k) + 1) + " ("
                    + AtomSpec.of(a) + ") is not in the atom vocabulary " + m_vocabulary + ".");
            }
            types[k] = t;
            var p = a.getPoint3d();
            cx += p.x;
            cy += p.y;
            cz += p.z;
        }
        cx /= n;
        cy /= n;
        cz /= n;
        for (int k = 0; k < n; k++) {
            var p = mol.getAtom(atoms.get(k)).getPoint3d();
            coords[3 * k] = (float)(p.x - cx);
            coords[3 * k + 1] = (float)(p.y - cy);
            coords[3 * k + 2] = (float)(p.z - cz);
        }
        return new PointCloud(types, coords, id);
    }

    private List<Integer> selectAtoms(final IAtomContainer mol, final String id) {
        var atoms = new ArrayList<Integer>();
        for (int i = 0; i < mol.getAtomCount(); i++) {
            var a = mol.getAtom(i);
            if (a.getPoint3d() == null) {
                throw new IllegalArgumentException("Molecule " + id + ": atom " + (i + 1) + " (" + a.getSymbol()
                    + ") has no 3D coordinates; generate a conformer first.");
            }
            boolean hydrogen = a.getAtomicNumber() == 1;
            if (m_options.hydrogens() == Hydrogens.EXPLICIT && a.getImplicitHydrogenCount() != null
                && a.getImplicitHydrogenCount() > 0) {
                throw new IllegalArgumentException("Molecule " + id + ": atom " + (i + 1) + " (" + a.getSymbol()
                    + ") has implicit hydrogens; explicit hydrogens with coordinates are needed.");
            }
            if (!hydrogen || m_options.hydrogens() == Hydrogens.EXPLICIT) {
                atoms.add(i);
            }
        }
        if (atoms.isEmpty()) {
            throw new IllegalArgumentException("Molecule " + id + " has no atoms to featurize.");
        }
        return atoms;
    }

    private void order(final IAtomContainer mol, final List<Integer> atoms, final long seed, final String id) {
        switch (m_options.order()) {
            case INPUT -> {
                // keep
            }
            case RANDOM -> Collections.shuffle(atoms, new Random(seed));
            case CANONICAL -> {
                var rank = canonicalRank(mol, id);
                atoms.sort((x, y) -> Integer.compare(rank[x], rank[y]));
            }
        }
    }

    /** Output position of each atom in the canonical SMILES (aromatic form, so Kekulé choice is irrelevant). */
    static int[] canonicalRank(final IAtomContainer mol, final String id) {
        try {
            var rank = new int[mol.getAtomCount()];
            SmilesGenerator.create(MoleculeOutput.aromaticCopy(mol), SmiFlavor.Canonical | SmiFlavor.UseAromaticSymbols,
                rank);
            return rank;
        } catch (CDKException e) {
            throw new IllegalArgumentException("Molecule " + id + ": no canonical atom order (" + e.getMessage()
                + "); use input or random order.", e);
        }
    }
}
