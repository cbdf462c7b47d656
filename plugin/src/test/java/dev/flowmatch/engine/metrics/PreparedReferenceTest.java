package dev.flowmatch.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openscience.cdk.interfaces.IAtomContainer;

/** A reference prepared once gives exactly what comparing with the raw reference list gives, every time. */
class PreparedReferenceTest {

    private static List<IAtomContainer> mols(final String... smiles) throws Exception {
        var out = new ArrayList<IAtomContainer>();
        for (var s : smiles) {
            out.add(SetAndReferenceMetricsTest.mol(s));
        }
        return out;
    }

    @Test
    void preparedAndRawReferencesAgreeAcrossGeneratedSets() throws Exception {
        var reference = mols("CCO", "CCN", "c1ccccc1", "CC(=O)O", "C1CCCCC1", "CCOC", "c1ccncc1", "OCCO");
        var prepared = ReferenceSet.of(reference);
        var options = new DistributionMetrics.Options(false, 0, 1);
        for (var generated : List.of(mols("CCO", "CCC", "c1ccccc1O", "CC(=O)N", "C1CCNCC1"),
            mols("CCCC", "CCCCO", "c1ccccc1C", "NCCN"))) {
            var raw = DistributionMetrics.compute(generated, reference, reference, null, null, null, options);
            var once = DistributionMetrics.compute(generated, prepared, prepared.smiles(), null, null, null, options);
            assertEquals(raw.values().keySet(), once.values().keySet());
            for (var e : raw.values().entrySet()) {
                assertEquals(e.getValue(), once.values().get(e.getKey()), 1e-12, e.getKey());
            }
        }
        assertEquals(DistributionMetrics.canonical(reference), prepared.smiles());
    }
}
