package dev.flowmatch.engine.chem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The shipped default set is what its header promises. */
class DefaultMoleculesTest {

    @Test
    void threeHundredSixtyFourSmallDistinctMoleculesOfCnof() throws Exception {
        var mols = DefaultMolecules.load();
        assertEquals(364, mols.size());
        var canonical = new HashSet<String>();
        for (var m : mols) {
            long heavy = 0;
            for (var a : m.atoms()) {
                assertTrue(List.of(6, 7, 8, 9).contains(a.getAtomicNumber()), m.getTitle());
                heavy++;
            }
            assertTrue(heavy >= 2 && heavy <= 9, m.getTitle() + " has " + heavy + " heavy atoms");
            assertTrue(m.getTitle().startsWith("default-"), m.getTitle());
            canonical.add(MoleculeOutput.canonicalSmiles(m));
        }
        assertEquals(mols.size(), canonical.size(), "no duplicates");
        for (var m : mols.subList(0, 20)) {
            assertTrue(Conformers.has3D(Conformers.embed(m, 1)), m.getTitle());
        }
    }
}
