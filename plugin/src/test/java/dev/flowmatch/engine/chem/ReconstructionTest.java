package dev.flowmatch.engine.chem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Molecule → point cloud → molecule gives the molecule back, with and without hydrogens in the cloud. */
class ReconstructionTest {

    private static final List<String> CASES = List.of("CCO", "CC(=O)O", "c1ccccc1", "C#N", "C1CC1", "c1ccncc1",
        "OC1CCCC1", "NC(=O)C", "[NH3+]CC([O-])=O");

    @Test
    void roundTripGivesTheSameCanonicalSmiles() throws Exception {
        for (boolean explicitH : new boolean[]{true, false}) {
            for (var smiles : CASES) {
                if (!explicitH && smiles.contains("+")) {
                    continue; // a zwitterion without hydrogens is ambiguous (see BondPerception)
                }
                var mol = FeaturizerTest.molecule(smiles);
                var vocabulary = AtomVocabulary.fromMolecules(List.of(mol), explicitH);
                var cloud = new Featurizer(vocabulary, new Featurizer.Options(explicitH ? Featurizer.Hydrogens.EXPLICIT
                    : Featurizer.Hydrogens.NONE, Featurizer.AtomOrder.RANDOM, 0)).featurize(mol, 7);
                var r = Reconstruction.rebuild(cloud, vocabulary, explicitH);
                var where = smiles + (explicitH ? " with H" : " without H");
                var expected = MoleculeOutput.canonicalSmiles(explicitH ? mol : BondPerceptionTest.parse(smiles));
                assertEquals(expected, r.smiles(), where);
                assertTrue(r.report().valid() && r.report().perceivedMoleculeStable() && r.report().connected(), where);
                assertTrue(r.sdf().contains("M  END") && r.sdf().endsWith("$$$$\n"), where);
            }
        }
    }

    @Test
    void atomsCarryTypesChargesAndCoordinates() {
        var vocabulary = AtomVocabulary.parse(List.of("C", "N+", "O-"));
        var cloud = new PointCloud(new int[]{1, 2}, new float[]{0, 0, 0, 3, 4, 0}, "x");
        var atoms = Reconstruction.atoms(cloud, vocabulary);
        assertEquals(7, atoms.getAtom(0).getAtomicNumber());
        assertEquals(1, atoms.getAtom(0).getFormalCharge());
        assertEquals(-1, atoms.getAtom(1).getFormalCharge());
        assertEquals(5, atoms.getAtom(0).getPoint3d().distance(atoms.getAtom(1).getPoint3d()), 1e-9);
        assertEquals(0, atoms.getBondCount());
    }

    @Test
    void scatteredAtomsOfAnExplicitHydrogenModelAreUnstableNotInventedHydrogens() {
        var vocabulary = AtomVocabulary.parse(List.of("C"));
        var cloud = new PointCloud(new int[]{0, 0, 0}, new float[]{0, 0, 0, 9, 0, 0, 0, 9, 0}, "far apart");
        var r = Reconstruction.rebuild(cloud, vocabulary, true);
        assertFalse(r.report().connected());
        assertFalse(r.report().perceivedMoleculeStable());
        assertTrue(r.sdf() != null, "an invalid molecule still has its SDF, for inspection");
    }
}
