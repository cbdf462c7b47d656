package dev.flowmatch.engine.chem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.openscience.cdk.graph.GraphUtil;
import org.openscience.cdk.graph.invariant.Canon;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.silent.SilentChemObjectBuilder;

/** Orderings, hydrogen handling, centring and the errors of featurization. */
class FeaturizerTest {

    static IAtomContainer molecule(final String smiles) throws Exception {
        var m = Conformers.embed(BondPerceptionTest.parse(smiles));
        m.setTitle(smiles);
        return m;
    }

    /** The same molecule with its atoms (and bonds) listed in another order. */
    static IAtomContainer shuffled(final IAtomContainer mol, final long seed) {
        var order = new ArrayList<Integer>();
        for (int i = 0; i < mol.getAtomCount(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        var out = SilentChemObjectBuilder.getInstance().newAtomContainer();
        for (int i : order) {
            out.addAtom(mol.getAtom(i));
        }
        for (var b : mol.bonds()) {
            out.addBond(out.indexOf(b.getBegin()), out.indexOf(b.getEnd()), b.getOrder());
        }
        out.setTitle(mol.getTitle());
        return out;
    }

    private static Featurizer featurizer(final IAtomContainer m, final Featurizer.Options o) {
        return new Featurizer(AtomVocabulary.fromMolecules(List.of(m), true), o);
    }

    /**
     * Canonical order is unique up to symmetry: atoms the molecule cannot tell apart (the three methyl
     * hydrogens, the two ortho carbons) may swap. So each position must hold an atom of the same CDK
     * symmetry class, whatever the input order; atoms are found back by their (shared) coordinates.
     */
    @Test
    void canonicalOrderDoesNotDependOnInputOrder() throws Exception {
        var mol = molecule("CC(=O)Nc1ccc(O)cc1");
        var symmetry = Canon.symmetry(mol, GraphUtil.toAdjList(mol));
        var f = featurizer(mol, Featurizer.Options.defaults());
        var reference = classes(f.featurize(mol, 0), mol, symmetry);
        for (long seed = 1; seed <= 5; seed++) {
            assertEquals(reference, classes(f.featurize(shuffled(mol, seed), 0), mol, symmetry), "seed " + seed);
        }
        var random = new Featurizer(f.vocabulary(), new Featurizer.Options(Featurizer.Hydrogens.EXPLICIT,
            Featurizer.AtomOrder.RANDOM, 0)).featurize(mol, 3);
        assertNotEquals(reference, classes(random, mol, symmetry), "the oracle can fail");
    }

    /** Symmetry class of the atom at each position of the cloud. */
    private static List<Long> classes(final PointCloud c, final IAtomContainer mol, final long[] symmetry) {
        double cx = 0;
        double cy = 0;
        double cz = 0;
        for (var a : mol.atoms()) {
            cx += a.getPoint3d().x / mol.getAtomCount();
            cy += a.getPoint3d().y / mol.getAtomCount();
            cz += a.getPoint3d().z / mol.getAtomCount();
        }
        var out = new ArrayList<Long>();
        for (int i = 0; i < c.size(); i++) {
            int best = -1;
            double bestD = Double.MAX_VALUE;
            for (int k = 0; k < mol.getAtomCount(); k++) {
                var p = mol.getAtom(k).getPoint3d();
                double d = Math.abs(p.x - cx - c.coords()[3 * i]) + Math.abs(p.y - cy - c.coords()[3 * i + 1])
                    + Math.abs(p.z - cz - c.coords()[3 * i + 2]);
                if (d < bestD) {
                    bestD = d;
                    best = k;
                }
            }
            out.add(symmetry[best]);
        }
        return out;
    }

    @Test
    void randomOrderIsAPermutationThatKeepsTheGeometry() throws Exception {
        var mol = molecule("OCC(N)C#N");
        var canonical = featurizer(mol, Featurizer.Options.defaults()).featurize(mol, 0);
        var f = featurizer(mol, new Featurizer.Options(Featurizer.Hydrogens.EXPLICIT, Featurizer.AtomOrder.RANDOM, 0));
        var a = f.featurize(mol, 1);
        var b = f.featurize(mol, 2);
        assertNotEquals(Arrays.toString(a.types()) + Arrays.toString(a.coords()),
            Arrays.toString(b.types()) + Arrays.toString(b.coords()), "different seeds, different orders");
        var sortedA = a.types().clone();
        var sortedC = canonical.types().clone();
        Arrays.sort(sortedA);
        Arrays.sort(sortedC);
        assertArrayEquals(sortedC, sortedA);
        assertEquals(sortedDistances(canonical), sortedDistances(a));
    }

    private static List<Long> sortedDistances(final PointCloud c) {
        var d = new ArrayList<Long>();
        for (int i = 0; i < c.size(); i++) {
            for (int j = i + 1; j < c.size(); j++) {
                d.add(Math.round(c.distance(i, j) * 1e4));
            }
        }
        Collections.sort(d);
        return d;
    }

    @Test
    void coordinatesAreCentredAndHydrogensCanBeLeftOut() throws Exception {
        var mol = molecule("CCO");
        var withH = featurizer(mol, Featurizer.Options.defaults()).featurize(mol, 0);
        assertEquals(9, withH.size());
        for (int k = 0; k < 3; k++) {
            double sum = 0;
            for (int i = 0; i < withH.size(); i++) {
                sum += withH.coords()[3 * i + k];
            }
            assertEquals(0, sum / withH.size(), 1e-5);
        }
        var heavy = featurizer(mol, new Featurizer.Options(Featurizer.Hydrogens.NONE, Featurizer.AtomOrder.CANONICAL,
            0)).featurize(mol, 0);
        assertEquals(3, heavy.size());
    }

    @Test
    void errorsNameMoleculeAndAtom() throws Exception {
        var mol = molecule("CCO");
        var tooSmall = featurizer(mol, new Featurizer.Options(Featurizer.Hydrogens.EXPLICIT,
            Featurizer.AtomOrder.CANONICAL, 5));
        var e = assertThrows(IllegalArgumentException.class, () -> tooSmall.featurize(mol, 0));
        assertTrue(e.getMessage().contains("CCO has 9 atoms, more than the maximum of 5"), e.getMessage());

        var chlorine = molecule("CCCl");
        e = assertThrows(IllegalArgumentException.class,
            () -> featurizer(mol, Featurizer.Options.defaults()).featurize(chlorine, 0));
        assertTrue(e.getMessage().contains("(Cl) is not in the atom vocabulary"), e.getMessage());

        var flat = BondPerceptionTest.parse("CCO");
        flat.setTitle("flat");
        e = assertThrows(IllegalArgumentException.class,
            () -> featurizer(mol, Featurizer.Options.defaults()).featurize(flat, 0));
        assertTrue(e.getMessage().contains("flat: atom 1 (C) has no 3D coordinates"), e.getMessage());
    }

    @Test
    void vocabularyRoundTripsThroughTokens() throws Exception {
        var v = AtomVocabulary.fromMolecules(List.of(BondPerceptionTest.parse("C[N+](=O)[O-]")), true);
        assertEquals(List.of("C", "N+", "O-", "O"), v.tokens());
        assertEquals(v, AtomVocabulary.parse(v.tokens()));
        assertEquals(new AtomSpec(26, 2), AtomSpec.parse("Fe+2"));
        assertEquals(-1, v.indexOf(new AtomSpec(7, 0)));
    }
}
