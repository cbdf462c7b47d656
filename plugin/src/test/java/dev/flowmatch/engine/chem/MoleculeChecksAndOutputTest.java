package dev.flowmatch.engine.chem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;

import org.junit.jupiter.api.Test;

/** Validity, connectivity, EDM stability; canonical SMILES, InChIKey and SDF output. */
class MoleculeChecksAndOutputTest {

    @Test
    void validMoleculesPassAndBrokenOnesAreNamed() {
        var ok = MoleculeChecks.check(BondPerceptionTest.parse("CC(=O)[O-].[Na+]"));
        assertTrue(ok.valid());
        assertFalse(ok.connected(), "two fragments");
        var ethanol = MoleculeChecks.check(BondPerceptionTest.parse("CCO"));
        assertTrue(ethanol.valid() && ethanol.connected() && ethanol.perceivedMoleculeStable());
        assertEquals(3, ethanol.atoms());

        var pentavalent = BondPerceptionTest.parse("C(C)(C)(C)(C)C");
        var report = MoleculeChecks.check(pentavalent);
        assertFalse(report.valid());
        assertTrue(report.problem().contains("atom 1 (C)"), report.problem());
        assertEquals(5, report.stableAtoms(), "only the central carbon is unstable");
        assertFalse(report.perceivedMoleculeStable());
    }

    @Test
    void stabilityFollowsEdmValencesWithCharges() {
        assertTrue(MoleculeChecks.check(BondPerceptionTest.parse("C[N+](=O)[O-]")).perceivedMoleculeStable());
        assertTrue(MoleculeChecks.check(BondPerceptionTest.parse("[NH4+]")).perceivedMoleculeStable());
        var radical = BondPerceptionTest.parse("[CH3]");
        assertEquals(0, MoleculeChecks.check(radical).stableAtoms());
        assertTrue(Valences.isAllowed(16, 0, 6) && !Valences.isAllowed(6, 0, 5));
    }

    @Test
    void canonicalSmilesIgnoresKekuleFormAndAtomOrder() throws Exception {
        var a = MoleculeOutput.canonicalSmiles(BondPerceptionTest.parse("C1=CC=CC=C1O"));
        var b = MoleculeOutput.canonicalSmiles(BondPerceptionTest.parse("OC=1C=CC=CC1"));
        assertEquals(a, b);
        assertEquals("LFQSCWFLJHTTHZ-UHFFFAOYSA-N", MoleculeOutput.inchiKey(BondPerceptionTest.parse("CCO")));
        assertEquals(MoleculeOutput.heavyAtomSkeletonKey(BondPerceptionTest.parse("CC(=N)OC")),
            MoleculeOutput.heavyAtomSkeletonKey(BondPerceptionTest.parse("CC([NH-])OC")), "same heavy atoms");
    }

    @Test
    void sdfOutputReadsBackWithCoordinates() throws Exception {
        var mol = Conformers.embed(BondPerceptionTest.parse("OCC#N"));
        mol.setTitle("glycolonitrile");
        var text = MoleculeOutput.sdf(mol);
        try (var s = MoleculeReaders.sdf(new StringReader(text))) {
            var back = s.findFirst().orElseThrow();
            assertTrue(back.isOk(), back.toString());
            assertEquals("glycolonitrile", back.title());
            assertEquals(mol.getAtomCount(), back.molecule().getAtomCount());
            assertEquals(mol.getAtom(2).getPoint3d().x, back.molecule().getAtom(2).getPoint3d().x, 1e-4);
            assertEquals(MoleculeOutput.canonicalSmiles(mol), MoleculeOutput.canonicalSmiles(back.molecule()));
            assertNull(MoleculeChecks.validityProblem(back.molecule()));
        }
    }
}
