package dev.flowmatch.engine.encoder;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import javax.vecmath.Point3d;

import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.silent.SilentChemObjectBuilder;
import org.openscience.cdk.smiles.SmilesParser;

import dev.flowmatch.engine.chem.Conformers;
import dev.flowmatch.engine.chem.Rotations;

/** Small molecules for the encoder tests, and the transformations the encoders must not notice. */
final class TestMolecules {

    private TestMolecules() {
    }

    static IAtomContainer smiles(final String smiles) {
        try {
            var m = new SmilesParser(SilentChemObjectBuilder.getInstance()).parseSmiles(smiles);
            m.setTitle(smiles);
            return m;
        } catch (Exception e) {
            throw new IllegalArgumentException(smiles, e);
        }
    }

    static List<IAtomContainer> smiles(final String... smiles) {
        var out = new ArrayList<IAtomContainer>();
        for (var s : smiles) {
            out.add(smiles(s));
        }
        return out;
    }

    /** @return the molecule with explicit hydrogens and a 3D conformer */
    static IAtomContainer conformer(final String smiles) {
        try {
            return Conformers.embed(smiles(smiles), 7);
        } catch (Exception e) {
            throw new IllegalArgumentException(smiles, e);
        }
    }

    /** @return a copy with its atoms in a random order (bonds follow their atoms); perm[new] = old */
    static IAtomContainer permuted(final IAtomContainer mol, final int[] perm) throws CloneNotSupportedException {
        var copy = mol.clone();
        var atoms = new IAtom[copy.getAtomCount()];
        for (int i = 0; i < atoms.length; i++) {
            atoms[i] = copy.getAtom(perm[i]);
        }
        copy.setAtoms(atoms);
        return copy;
    }

    static int[] randomPermutation(final int n, final Random rnd) {
        var p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** @return a copy rotated by a random rotation and shifted by (dx, dy, dz) */
    static IAtomContainer moved(final IAtomContainer mol, final Random rnd, final double dx, final double dy,
        final double dz) throws CloneNotSupportedException {
        var r = Rotations.random(rnd);
        var copy = mol.clone();
        for (var a : copy.atoms()) {
            var p = a.getPoint3d();
            a.setPoint3d(new Point3d(r[0] * p.x + r[1] * p.y + r[2] * p.z + dx, r[3] * p.x + r[4] * p.y + r[5] * p.z + dy,
                r[6] * p.x + r[7] * p.y + r[8] * p.z + dz));
        }
        return copy;
    }
}
