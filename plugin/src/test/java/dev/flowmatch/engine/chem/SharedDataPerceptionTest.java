package dev.flowmatch.engine.chem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * Perception on real geometries from ../shared/data (skipped, with a message, when it is absent):
 * the first QM9 molecules, and the GDB SD file whose own bonds are the oracle.
 */
class SharedDataPerceptionTest {

    private static Path data(final String file) {
        return dev.flowmatch.engine.SharedTestData.require(file);
    }

    @Test
    void firstThousandQm9MoleculesAreValidAndStable() throws Exception {
        int n = 0;
        int good = 0;
        try (var s = MoleculeReaders.open(data("qm9/qm9_3d.xyz.xz"))) {
            for (var r : (Iterable<ReadResult>)s.limit(1000)::iterator) {
                assertTrue(r.isOk(), r.toString());
                var mol = BondPerception.perceive(r.molecule()).molecule();
                var report = MoleculeChecks.check(mol);
                n++;
                if (report.valid() && report.connected() && report.perceivedMoleculeStable()) {
                    good++;
                }
            }
        }
        assertEquals(1000, n);
        assertTrue(good >= 995, good + " of 1000 valid, connected and stable");
    }

    /**
     * The GDB SD file (written by OpenBabel) is its own oracle, but only where its structure is sound: some
     * records carry radicals where double bonds belong ([N]([CH]OCC)NC for a hydrazone). So: heavy-atom
     * connectivity must match everywhere, the full structure wherever the record is valid and stable.
     */
    @Test
    void gdbSdfBondsAreRecoveredFromCoordinates() throws Exception {
        int n = 0;
        int sameSkeleton = 0;
        int sound = 0;
        int same = 0;
        try (var s = MoleculeReaders.open(data("sdf/gdb1k.sdf"))) {
            for (var r : (Iterable<ReadResult>)s::iterator) {
                if (!r.isOk()) {
                    continue;
                }
                var bare = BondPerceptionTest.bareAtoms(r.molecule(), true);
                var mol = BondPerception.perceive(bare).molecule();
                n++;
                if (MoleculeOutput.heavyAtomSkeletonKey(mol).equals(MoleculeOutput.heavyAtomSkeletonKey(r.molecule()))) {
                    sameSkeleton++;
                }
                var own = MoleculeChecks.check(r.molecule());
                if (own.valid() && own.perceivedMoleculeStable()) {
                    sound++;
                    if (BondPerceptionTest.canonical(mol).equals(BondPerceptionTest.canonical(r.molecule()))) {
                        same++;
                    }
                }
            }
        }
        assertTrue(n >= 990, "records read: " + n);
        assertTrue(sameSkeleton >= 0.99 * n, sameSkeleton + " of " + n + " with the SD file's connectivity");
        assertTrue(sound >= 800, "sound records: " + sound);
        assertTrue(same >= 0.99 * sound, same + " of " + sound + " sound records reproduced exactly");
    }
}
