package dev.flowmatch.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.silent.SilentChemObjectBuilder;
import org.openscience.cdk.smiles.SmilesParser;

/** Per-set and reference metrics on small hand-written sets with hand-counted answers. */
class SetAndReferenceMetricsTest {

    static IAtomContainer mol(final String smiles) throws Exception {
        var sp = new SmilesParser(SilentChemObjectBuilder.getInstance());
        sp.kekulise(true);
        return sp.parseSmiles(smiles);
    }

    static List<MoleculeProfile> profiles(final String... smiles) throws Exception {
        var mols = new java.util.ArrayList<IAtomContainer>();
        for (var s : smiles) {
            mols.add(mol(s));
        }
        return MoleculeProfiler.profile(mols);
    }

    @Test
    void countsValidityUniquenessNoveltyAndStabilityByHand() throws Exception {
        // a pentavalent carbon is invalid; ethanol twice (written two ways); benzene Kekulé vs aromatic is one molecule
        var p = profiles("CCO", "OCC", "C1=CC=CC=C1", "c1ccccc1", "C1CC1", "C(C)(C)(C)(C)C", "CC.O");
        var m = SetMetrics.of(p, Set.of(MoleculeProfiler.profile(mol("CCO")).smiles()));
        assertEquals(7, m.molecules());
        assertEquals(6 / 7.0, m.validity(), 1e-12, "CC.O is valid by its largest fragment, CC");
        assertEquals(6 / 7.0, m.connectivity(), 1e-12, "CC.O is two fragments");
        assertEquals(5 / 7.0, m.connectedValidity(), 1e-12);
        assertEquals(8 / 7.0, m.fragmentsPerMolecule(), 1e-12);
        // valid (largest fragments): CCO, CCO, benzene, benzene, cyclopropane, CC → 4 unique of 6
        assertEquals(4 / 6.0, m.uniqueness(), 1e-12);
        assertEquals(4 / 7.0, m.validUnique(), 1e-12);
        assertEquals(3 / 4.0, m.novelty(), 1e-12, "ethanol is in the training set");
        assertFalse(p.get(5).valid());
        assertTrue(p.get(5).problem().contains("atom"), p.get(5).problem());
        assertEquals(6 / 7.0, m.perceivedMoleculeStability(), 1e-12);
    }

    @Test
    void internalDiversityMatchesPairwisePopcounts() throws Exception {
        var p = profiles("CCO", "c1ccccc1O", "CC(=O)N", "C1CCNCC1", "CCCCCC");
        var m = SetMetrics.of(p, null);
        double s1 = 0;
        double s2 = 0;
        for (var a : p) {
            for (var b : p) {
                double t = Tanimoto.of(a.ecfp(), b.ecfp());
                s1 += t;
                s2 += t * t;
            }
        }
        assertEquals(1 - s1 / 25, m.intDiv1(), 1e-6);
        assertEquals(1 - Math.sqrt(s2 / 25), m.intDiv2(), 1e-6);
        assertTrue(Double.isNaN(m.novelty()), "no training set, no novelty");
    }

    @Test
    void referenceMetricsAreIdealForTheSameSetAndWorseForAnother() throws Exception {
        var a = profiles("CCO", "c1ccccc1O", "CC(=O)N", "C1CCNCC1", "CCCCCC", "c1ccncc1", "CC(C)O", "OC1CCCC1");
        var b = profiles("CCN", "CC(=O)O", "c1ccc2ccccc2c1", "C1CCOC1", "ClCCl", "CCOCC", "NCCN", "c1ccsc1");
        var self = ReferenceMetrics.of(a, a, null, null, null);
        assertEquals(0, self.frechetDistance(), 1e-9);
        assertEquals(1, self.snn(), 1e-12);
        assertEquals(1, self.scaffolds(), 1e-12);
        assertEquals(1, self.fragments(), 1e-12);
        assertEquals(1, self.klScore(), 1e-6);
        var other = ReferenceMetrics.of(a, b, null, null, null);
        assertTrue(other.frechetDistance() > 0.1);
        assertTrue(other.snn() < 0.7, "snn " + other.snn());
        assertTrue(other.klScore() < 0.95, "kl score " + other.klScore());
        assertTrue(other.mmdTanimoto() > self.mmdTanimoto());
        assertEquals(ReferenceMetrics.DESCRIPTORS.size(), other.klPerDescriptor().length);
    }

    @Test
    void scaffoldsAndFragmentsAreChemicallyRight() throws Exception {
        var p = MoleculeProfiler.profile(mol("Cc1ccccc1CCN"));
        assertEquals("c1ccccc1", p.scaffold());
        // the scaffold of a scaffold is itself
        assertEquals(MoleculeProfiler.profile(mol("O=C1CCC(Cc2ccccc2)C1")).scaffold(),
            MoleculeProfiler.profile(mol("CCC1C(=O)CCC1Cc1ccc(CC(=O)C)cc1")).scaffold(),
            "rings and their linker, exocyclic double bond kept, side chains gone");
        // the fragments are whole molecules: each is its own single fragment
        var expected = new java.util.HashSet<String>();
        for (var f : new String[]{"c1ccccc1", "C", "CCN"}) {
            var own = MoleculeProfiler.profile(mol(f)).fragments();
            assertEquals(1, own.size(), f);
            expected.addAll(own);
        }
        assertEquals(expected, Set.copyOf(p.fragments()));
        assertTrue(p.fragments().contains("c1ccccc1"), "aromatic symbols: " + p.fragments());
        assertEquals("", MoleculeProfiler.profile(mol("CCCO")).scaffold());
        var d = MoleculeProfiler.profile(mol("OCC(=O)N")).descriptors();
        assertEquals(75.07, d[0], 0.01, "molecular weight of glycolamide");
        assertEquals(63.32, d[2], 0.01, "TPSA: hydroxyl 20.23 + amide O 17.07 + NH2 26.02");
    }

    @Test
    void discreteKlMatchesItsDefinitionAndBootstrapCoversTheMean() {
        // p = (1/2, 1/2), q = (1/4, 3/4): KL = ½·ln 2 + ½·ln(2/3)
        double kl = DescriptorKl.discrete(new double[]{0, 1, 0, 1}, new double[]{0, 1, 1, 1});
        assertEquals(0.5 * Math.log(2) + 0.5 * Math.log(2.0 / 3), kl, 1e-8);
        assertEquals(0, DescriptorKl.continuous(new double[]{1, 2, 3, 4}, new double[]{1, 2, 3, 4}), 1e-12);
        var rnd = new Random(4);
        var flags = new double[1000];
        for (int i = 0; i < flags.length; i++) {
            flags[i] = rnd.nextDouble() < 0.3 ? 1 : 0;
        }
        double mean = java.util.Arrays.stream(flags).average().orElseThrow();
        var ci = Bootstrap.interval(flags.length, Bootstrap.mean(flags), 2000, 0.95, 5);
        assertTrue(ci.lower() < mean && mean < ci.upper());
        double width = 2 * 1.96 * Math.sqrt(mean * (1 - mean) / flags.length);
        assertEquals(width, ci.upper() - ci.lower(), 0.2 * width);
    }
}
