package dev.flowmatch.engine.chem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.silent.SilentChemObjectBuilder;
import org.openscience.cdk.tools.manipulator.AtomContainerManipulator;

/**
 * Perception checked against known SMILES: a CDK conformer of the molecule is stripped to bare atoms and
 * coordinates (no bonds, charges or hydrogen counts), perceived, and must give the same canonical SMILES.
 */
class BondPerceptionTest {

    static IAtomContainer parse(final String smiles) {
        try (var s = MoleculeReaders.smiles(new StringReader(smiles))) {
            return s.findFirst().orElseThrow().molecule();
        }
    }

    /** Only what an XYZ file or a generative model provides: elements and positions. */
    static IAtomContainer bareAtoms(final IAtomContainer mol, final boolean keepHydrogens) {
        var builder = SilentChemObjectBuilder.getInstance();
        var bare = builder.newAtomContainer();
        for (var a : mol.atoms()) {
            if (keepHydrogens || a.getAtomicNumber() != 1) {
                var b = builder.newAtom();
                b.setAtomicNumber(a.getAtomicNumber());
                b.setSymbol(a.getSymbol());
                b.setPoint3d(a.getPoint3d());
                bare.addAtom(b);
            }
        }
        return bare;
    }

    static String canonical(final IAtomContainer mol) throws Exception {
        // suppressHydrogens changes its argument: work on a copy
        return MoleculeOutput.canonicalSmiles(AtomContainerManipulator.suppressHydrogens(mol.clone()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "C[N+](=O)[O-]", // nitro: needs charge separation
        "[NH3+]CC(=O)[O-]", // glycine zwitterion
        "c1ccncc1", // pyridine
        "c1c[nH]cn1", // imidazole
        "c1ccoc1", // furan
        "CC#N", // nitrile
        "C#CC", // alkyne
        "C1CC1", // cyclopropane
        "C1=CCC1", // cyclobutene
        "O=C1CCC1", // cyclobutanone
        "CC(=O)O", // acid
        "ON=C1CCC1", // oxime
        "COC(C)=N", // imidate (QM9)
        "C=C=C", // allene
        "O=C=O", // no hydrogens at all
        "c1ccc2ccccc2c1", // naphthalene
        "CC(=O)Nc1ccc(O)cc1", // paracetamol
        "[O-][n+]1ccccc1", // pyridine N-oxide
        "[O-][N+](=O)c1nnon1", // CN4O3 from QM9: no hydrogen at all, yet explicit
        "[C-]#[N+]C", // isocyanide: needs a carbanion
        "O=C1C=CC(=O)C=C1" // quinone
    })
    void explicitHydrogenGeometryGivesBackTheMolecule(final String smiles) throws Exception {
        var mol = Conformers.embed(parse(smiles));
        var result = BondPerception.perceive(bareAtoms(mol, true));
        assertTrue(result.valencesSatisfied(), smiles);
        assertEquals(canonical(parse(smiles)), canonical(result.molecule()), smiles);
        assertEquals(null, MoleculeChecks.validityProblem(result.molecule()), smiles);
    }

    @ParameterizedTest
    @ValueSource(strings = {"c1ccccc1", "CC#N", "CC(C)=O", "c1ccncc1", "C=CC=C", "OCC#C", "c1ccc2ccccc2c1",
        "CC(=O)Nc1ccc(O)cc1", "c1c[nH]cn1", "c1ccsc1", "O=C1CCC1", "C1=CCC1", "O=C1C=CC(=O)C=C1", "N#Cc1ccccc1",
        "O=C=O", "C=C=C", "COC(C)=N"})
    void heavyAtomGeometryInfersTheHydrogens(final String smiles) throws Exception {
        // Charged groups (nitro, N-oxides, zwitterions) are ambiguous without hydrogens and not covered.
        var mol = Conformers.embed(parse(smiles));
        var result = BondPerception.perceive(bareAtoms(mol, false));
        assertEquals(canonical(parse(smiles)), canonical(result.molecule()), smiles);
    }

    @Test
    void qm9StyleXyzRecordsArePerceived() throws Exception {
        try (var s = MoleculeReaders.xyz(new StringReader(MoleculeReadersTest.XYZ))) {
            var water = s.findFirst().orElseThrow().molecule();
            var result = BondPerception.perceive(water);
            assertEquals("O", canonical(result.molecule()));
            assertEquals(2, result.molecule().getBondCount());
        }
    }

    @Test
    void distantAtomsStayUnbondedAndMissingCoordinatesAreNamed() throws Exception {
        var twoWaters = MoleculeReaders.xyz(new StringReader("""
            6
            two waters 10 A apart
            O 0.000 0.000 0.117
            H 0.000 0.757 -0.467
            H 0.000 -0.757 -0.467
            O 10.000 0.000 0.117
            H 10.000 0.757 -0.467
            H 10.000 -0.757 -0.467
            """)).findFirst().orElseThrow().molecule();
        var result = BondPerception.perceive(twoWaters);
        assertEquals(4, result.molecule().getBondCount());
        assertTrue(!MoleculeChecks.isConnected(result.molecule()));
        assertEquals("O.O", canonical(result.molecule()));

        var noCoords = parse("CC");
        var e = assertThrows(IllegalArgumentException.class, () -> BondPerception.perceive(noCoords));
        assertTrue(e.getMessage().contains("Atom 1 (C) has no 3D coordinates"), e.getMessage());
    }
}
