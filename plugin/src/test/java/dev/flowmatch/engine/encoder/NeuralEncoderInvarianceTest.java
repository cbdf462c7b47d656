package dev.flowmatch.engine.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openscience.cdk.interfaces.IAtomContainer;

import ai.djl.Device;

/**
 * The 3D encoder ignores rotation, translation and atom order; the 2D encoder ignores atom order and how
 * hydrogens and aromaticity are written. Random (seeded) weights: invariance is a property of the
 * architecture, so it must hold for any weights. Each test also shows the output does change when the
 * molecule does, so a constant output cannot pass.
 */
class NeuralEncoderInvarianceTest {

    private static NeuralEncoder s_schnet;

    private static NeuralEncoder s_mpnn;

    @BeforeAll
    static void create() {
        s_schnet = NeuralEncoder.initialize(EncoderArchitecture.schnet(32, 3, 16, 5.0), "test-schnet", 3, Device.cpu());
        s_mpnn = NeuralEncoder.initialize(EncoderArchitecture.mpnn(32, 3), "test-mpnn", 4, Device.cpu());
    }

    @AfterAll
    static void close() {
        s_schnet.close();
        s_mpnn.close();
    }

    private static double maxDiff(final float[] a, final float[] b) {
        assertEquals(a.length, b.length);
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }

    @Test
    void schnetIsInvariantToRotationTranslationAndPermutation() throws Exception {
        var rnd = new Random(11);
        for (var smiles : List.of("CC(=O)Oc1ccccc1C(=O)O", "OCC1OC(O)C(O)C1O", "C#CCN")) {
            var mol = TestMolecules.conformer(smiles);
            int n = mol.getAtomCount();
            var perm = TestMolecules.randomPermutation(n, rnd);
            var moved = TestMolecules.permuted(TestMolecules.moved(mol, rnd, 3.5, -12, 40), perm);
            var v = s_schnet.embed(List.of(mol, moved));
            assertTrue(maxDiff(v[0], v[1]) < 1e-5, smiles + ": " + maxDiff(v[0], v[1]));
            var atoms = s_schnet.embedAtoms(List.of(mol, moved));
            for (int i = 0; i < n; i++) {
                assertTrue(maxDiff(atoms.get(0)[perm[i]], atoms.get(1)[i]) < 1e-5, smiles + " atom " + i);
            }
            // moving one heavy atom by 0.3 Å changes the embedding: the test can see a difference
            var bent = mol.clone();
            var p = bent.getAtom(1).getPoint3d();
            bent.getAtom(1).setPoint3d(new javax.vecmath.Point3d(p.x + 0.3, p.y, p.z));
            assertTrue(maxDiff(v[0], s_schnet.embed(List.of(bent))[0]) > 1e-3);
        }
    }

    @Test
    void mpnnIsInvariantToRenumberingHydrogensAndAromaticForm() throws Exception {
        var rnd = new Random(5);
        for (var smiles : List.of("CC(=O)Oc1ccccc1C(=O)O", "c1ccc2[nH]ccc2c1", "C[N+](C)(C)CC(=O)[O-]")) {
            var mol = TestMolecules.smiles(smiles);
            var perm = TestMolecules.randomPermutation(mol.getAtomCount(), rnd);
            var renumbered = TestMolecules.permuted(mol, perm);
            var explicitH = TestMolecules.conformer(smiles); // explicit hydrogen atoms, Kekulé bonds
            var v = s_mpnn.embed(List.of(mol, renumbered, explicitH));
            assertTrue(maxDiff(v[0], v[1]) < 1e-5, smiles + " renumbered: " + maxDiff(v[0], v[1]));
            assertTrue(maxDiff(v[0], v[2]) < 1e-5, smiles + " explicit H: " + maxDiff(v[0], v[2]));
            var atoms = s_mpnn.embedAtoms(List.of(mol, renumbered));
            for (int i = 0; i < perm.length; i++) {
                assertTrue(maxDiff(atoms.get(0)[perm[i]], atoms.get(1)[i]) < 1e-5);
            }
        }
        var kekule = s_mpnn.embed(TestMolecules.smiles("C1=CC=CC=C1O", "c1ccccc1O", "C1CCCCC1O"));
        assertTrue(maxDiff(kekule[0], kekule[1]) < 1e-6);
        assertTrue(maxDiff(kekule[0], kekule[2]) > 1e-3, "aromatic and saturated rings must differ");
    }

    @Test
    void hydrogensShareTheirHeavyAtomsVector() {
        var mol = TestMolecules.conformer("CO");
        var atoms = s_schnet.embedAtoms(List.of(mol)).get(0);
        assertEquals(mol.getAtomCount(), atoms.length);
        for (int i = 0; i < mol.getAtomCount(); i++) {
            var a = mol.getAtom(i);
            if (a.getAtomicNumber() == 1) {
                var heavy = mol.getConnectedAtomsList(a).get(0);
                assertEquals(0, maxDiff(atoms[i], atoms[heavy.getIndex()]));
            }
        }
    }

    @Test
    void batchingDoesNotChangeResults() {
        var many = TestMolecules.smiles("C", "CC", "CCO", "c1ccccc1", "CC(=O)N", "C1CC1", "O=C=O", "CCCCCCCCCC");
        var all = s_mpnn.embed(many);
        for (int i = 0; i < many.size(); i++) {
            var alone = s_mpnn.embed(List.of(many.get(i)))[0];
            assertTrue(maxDiff(all[i], alone) < 1e-5, "molecule " + i);
        }
    }

    @Test
    void badMoleculesAreNamed() {
        IAtomContainer flat = TestMolecules.smiles("CCO");
        assertNotNull(s_schnet.check(flat));
        assertNull(s_mpnn.check(flat));
        var e = assertThrows(IllegalArgumentException.class, () -> s_schnet.embed(List.of(TestMolecules
            .conformer("C"), flat)));
        assertTrue(e.getMessage().startsWith("Molecule 2 (CCO) cannot be encoded: it has no 3D coordinates"),
            e.getMessage());
        var hydrogen = TestMolecules.smiles("[H][H]");
        assertTrue(s_mpnn.check(hydrogen).contains("no heavy atom"));
    }
}
