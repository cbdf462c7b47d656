package dev.flowmatch.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openscience.cdk.interfaces.IAtomContainer;

import dev.flowmatch.engine.chem.AtomVocabulary;
import dev.flowmatch.engine.chem.BondPerception;
import dev.flowmatch.engine.chem.Conformers;
import dev.flowmatch.engine.chem.Featurizer;
import dev.flowmatch.engine.chem.MoleculeChecks;
import dev.flowmatch.engine.chem.MoleculeReaders;
import dev.flowmatch.engine.chem.PointCloud;
import dev.flowmatch.engine.chem.ReadResult;
import dev.flowmatch.engine.chem.Reconstruction;

/**
 * The metrics tell the truth about generated sets: fragments and radicals are not valid, charges that bond
 * perception would need are not granted to atoms the model generated neutral, and real molecules pass.
 */
class HonestMetricsTest {

    private static final AtomVocabulary NEUTRAL = AtomVocabulary.parse(List.of("H", "C", "N", "O"));

    /** A cloud with explicit hydrogens from element symbols and coordinates (Å). */
    private static PointCloud cloud(final AtomVocabulary v, final String[] types, final double... xyz) {
        var t = new int[types.length];
        var c = new float[xyz.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = v.tokens().indexOf(types[i]);
            assertTrue(t[i] >= 0, types[i]);
        }
        for (int i = 0; i < c.length; i++) {
            c[i] = (float)xyz[i];
        }
        return new PointCloud(t, c, "test");
    }

    private static IAtomContainer rebuilt(final PointCloud cloud) {
        return Reconstruction.rebuild(cloud, NEUTRAL, true).molecule();
    }

    @Test
    void aSetOfFragmentsWithRadicalsScoresZeroConnectedValidity() throws Exception {
        var set = new ArrayList<IAtomContainer>();
        // methyl radical + a hydrogen atom 5 Å away (a methane whose last H flew off)
        set.add(rebuilt(cloud(NEUTRAL, new String[]{"C", "H", "H", "H", "H"}, 0, 0, 0, 1.09, 0, 0, -0.36, 1.03, 0,
            -0.36, -0.51, 0.89, 5, 5, 5)));
        // two water molecules 6 Å apart: each closed-shell, but two pieces
        set.add(rebuilt(cloud(NEUTRAL, new String[]{"O", "H", "H", "O", "H", "H"}, 0, 0, 0, 0.96, 0, 0, -0.24, 0.93,
            0, 6, 0, 0, 6.96, 0, 0, 5.76, 0.93, 0)));
        // ethyl radical (connected, one carbon short of a hydrogen) + an isolated oxygen atom
        set.add(rebuilt(cloud(NEUTRAL, new String[]{"C", "C", "H", "H", "H", "H", "H", "O"}, 0, 0, 0, 1.53, 0, 0,
            -0.36, 1.03, 0, -0.36, -0.51, 0.89, -0.36, -0.51, -0.89, 1.89, 1.03, 0, 1.89, -0.51, 0.89, 8, 8, 8)));
        // four atoms scattered far apart
        set.add(rebuilt(cloud(NEUTRAL, new String[]{"C", "N", "O", "H"}, 0, 0, 0, 4, 0, 0, 0, 4, 0, 0, 0, 4)));
        var profiles = MoleculeProfiler.profile(set);
        var m = SetMetrics.of(profiles, null);
        assertEquals(0, m.connectedValidity(), "no molecule of this set is one closed-shell piece");
        assertEquals(0, m.connectivity());
        // stability looks at valences only: the water pair passes it, which is why connected
        // validity, not stability alone, leads the report
        assertEquals(1 / 4.0, m.perceivedMoleculeStability(), 1e-12);
        assertEquals(1 / 4.0, m.validity(), 1e-12, "only the water pair has a closed-shell largest fragment");
        assertTrue(profiles.get(0).problem().contains("radical"), profiles.get(0).problem());
        assertEquals(2 + 2 + 2 + 4, m.fragmentsPerMolecule() * 4, 1e-9);
        // with one valid molecule the distribution metrics against a reference are undefined, not an error
        var reference = new ArrayList<IAtomContainer>();
        for (var smiles : List.of("CCO", "CC(=O)N", "c1ccncc1")) {
            reference.add(SetAndReferenceMetricsTest.mol(smiles));
        }
        var all = DistributionMetrics.compute(set, reference, null, null, null, null,
            DistributionMetrics.Options.defaults());
        assertEquals(DistributionMetrics.names(true, null, true), List.copyOf(all.values().keySet()));
        assertTrue(Double.isNaN(all.values().get("SNN")));
        assertEquals(0, all.values().get(DistributionMetrics.CONNECTED_VALIDITY));
        // the lenient check of earlier versions (CDK can type every atom) passed the methyl radical
        assertNull(MoleculeChecks.validityProblem(set.get(0)), "CDK types a radical carbon");
    }

    /**
     * Nitromethane generated with neutral atom types only: perception of the bare geometry would write
     * C[N+](=O)[O-], but the model never generated those charges, so with its own types N and O cannot all be
     * satisfied. With N+ and O- types from the model the same geometry is stable.
     */
    @Test
    void aNeutralTypedMoleculeThatNeedsInventedChargesIsNotStable() throws Exception {
        var mol = Conformers.embed(SetAndReferenceMetricsTest.mol("C[N+](=O)[O-]"));
        int n = mol.getAtomCount();
        var neutralTypes = new String[n];
        var chargedTypes = new String[n];
        var xyz = new double[3 * n];
        for (int i = 0; i < n; i++) {
            var a = mol.getAtom(i);
            neutralTypes[i] = a.getSymbol();
            int q = a.getFormalCharge();
            chargedTypes[i] = a.getSymbol() + (q > 0 ? "+" : q < 0 ? "-" : "");
            xyz[3 * i] = a.getPoint3d().x;
            xyz[3 * i + 1] = a.getPoint3d().y;
            xyz[3 * i + 2] = a.getPoint3d().z;
        }
        // The old behaviour, for contrast: perceiving charges makes the bare geometry fully stable.
        var bare = Reconstruction.atoms(cloud(NEUTRAL, neutralTypes, xyz), NEUTRAL);
        var perceived = BondPerception.perceive(bare).molecule();
        assertTrue(MoleculeChecks.check(perceived).perceivedMoleculeStable(), "with invented charges it looks stable");

        var neutral = Reconstruction.rebuild(cloud(NEUTRAL, neutralTypes, xyz), NEUTRAL, true);
        assertFalse(neutral.report().perceivedMoleculeStable(), "neutral N and O cannot close a nitro group");
        assertFalse(neutral.report().valid());
        for (var atom : neutral.molecule().atoms()) {
            assertEquals(0, atom.getFormalCharge(), "no charge is invented");
        }
        var charged = AtomVocabulary.parse(List.of("H", "C", "N", "N+", "O-", "O"));
        var r = Reconstruction.rebuild(cloud(charged, chargedTypes, xyz), charged, true);
        assertTrue(r.report().perceivedMoleculeStable() && r.report().connectedValid(), r.report().toString());
        assertFalse(r.report().perceivedNeutralMoleculeStable(), "by the neutral table N+ with four bonds is not stable");
    }

    /** QM9's own molecules, as clouds through the generated-molecule path, score 1.0 on every headline rate. */
    @Test
    void qm9MoleculesScoreOne() throws Exception {
        var file = dev.flowmatch.engine.SharedTestData.require("qm9/qm9_3d.xyz.xz");
        var mols = new ArrayList<IAtomContainer>();
        try (var s = MoleculeReaders.open(file)) {
            // every 64th of the first 64,000 records: small and large QM9 molecules alike
            var index = new java.util.concurrent.atomic.AtomicLong();
            for (var r : (Iterable<ReadResult>)s.filter(x -> index.getAndIncrement() % 64 == 0).limit(1000)::iterator) {
                mols.add(BondPerception.perceive(r.molecule()).molecule());
            }
        }
        var vocabulary = AtomVocabulary.fromMolecules(mols, true);
        var featurizer = new Featurizer(vocabulary, Featurizer.Options.defaults());
        var rebuilt = mols.stream().map(m -> Reconstruction.rebuild(featurizer.featurize(m, 0), vocabulary, true)
            .molecule()).toList();
        var m = SetMetrics.of(MoleculeProfiler.profile(rebuilt), null);
        assertEquals(1000, m.molecules());
        assertEquals(1.0, m.connectedValidity());
        assertEquals(1.0, m.perceivedMoleculeStability());
        assertEquals(1.0, m.perceivedAtomStability());
        assertEquals(1.0, m.validUnique(), 0.02, "QM9 molecules are nearly all distinct");
        assertTrue(m.perceivedNeutralMoleculeStability() > 0.95 && m.perceivedNeutralMoleculeStability() <= 1.0,
            "the few zwitterions of QM9 fail only the neutral table: " + m.perceivedNeutralMoleculeStability());
    }
}
