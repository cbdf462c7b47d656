package dev.flowmatch.engine.chem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Generated geometries: every atom placed, hydrogens explicit, bond lengths and angles sensible. */
class ConformersTest {

    @ParameterizedTest
    @ValueSource(strings = {"CCO", "c1ccccc1", "C1CC1", "O=C1CCC1", "C1=CCC1", "CC(=O)Nc1ccc(O)cc1", "C#CC#N",
        "C1CCC2CCCCC2C1", "C1=CC1", "CC1=CC1"})
    void geometryHasAllAtomsAndSensibleBonds(final String smiles) throws Exception {
        var mol = Conformers.embed(BondPerceptionTest.parse(smiles));
        assertTrue(Conformers.has3D(mol));
        for (var a : mol.atoms()) {
            assertEquals(0, a.getImplicitHydrogenCount() == null ? 0 : a.getImplicitHydrogenCount(), smiles);
        }
        for (var b : mol.bonds()) {
            double d = b.getBegin().getPoint3d().distance(b.getEnd().getPoint3d());
            double ideal = BondLengths.ideal(b);
            assertTrue(Math.abs(d - ideal) <= 0.05 * ideal, smiles + ": bond " + b.getBegin().getSymbol() + "-"
                + b.getEnd().getSymbol() + " is " + d + " A, ideal " + ideal);
        }
    }

    /**
     * Long flexible chains and macrocycles (C50 alkane, a PEG chain, ring sizes 18 and 20, 18-crown-6) used to
     * fail as "strained or very crowded": folded into the starting box, their chains stayed stretched. Checked
     * from the coordinates alone: every bond within 5% of its ideal length, every angle at an sp3 carbon within
     * 10 degrees of tetrahedral, and no two non-bonded atoms closer than their covalent radii plus 0.5 A.
     */
    @ParameterizedTest
    @ValueSource(strings = {"CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC", "OCCOCCOCCOCCOCCOCCOCCOCCOCCOCCOCCOCCO",
        "C1CCCCCCCCCCCCCCCCC1", "O=C1CCCCCCCCCCCCCCCCCCN1", "C1COCCOCCOCCOCCOCCO1"})
    void longChainsAndMacrocyclesGetGeometries(final String smiles) throws Exception {
        var mol = Conformers.embed(BondPerceptionTest.parse(smiles), 3);
        for (var b : mol.bonds()) {
            double d = b.getBegin().getPoint3d().distance(b.getEnd().getPoint3d());
            assertEquals(BondLengths.ideal(b), d, 0.05 * BondLengths.ideal(b), smiles + ": a bond");
        }
        for (var centre : mol.atoms()) {
            var nbrs = mol.getConnectedAtomsList(centre);
            if (centre.getAtomicNumber() != 6 || nbrs.size() != 4) {
                continue;
            }
            for (int x = 0; x < 4; x++) {
                for (int y = x + 1; y < 4; y++) {
                    var u = new javax.vecmath.Vector3d();
                    u.sub(nbrs.get(x).getPoint3d(), centre.getPoint3d());
                    var v = new javax.vecmath.Vector3d();
                    v.sub(nbrs.get(y).getPoint3d(), centre.getPoint3d());
                    assertEquals(109.5, Math.toDegrees(u.angle(v)), 10, smiles + ": an angle at an sp3 carbon");
                }
            }
        }
        for (int i = 0; i < mol.getAtomCount(); i++) {
            for (int j = i + 1; j < mol.getAtomCount(); j++) {
                var a = mol.getAtom(i);
                var b = mol.getAtom(j);
                if (mol.getBond(a, b) == null) {
                    double radii = org.openscience.cdk.config.Elements.ofNumber(a.getAtomicNumber()).covalentRadius()
                        + org.openscience.cdk.config.Elements.ofNumber(b.getAtomicNumber()).covalentRadius();
                    assertTrue(a.getPoint3d().distance(b.getPoint3d()) > radii + 0.5, smiles + ": atoms " + i + " and "
                        + j + " in contact");
                }
            }
        }
    }

    @Test
    void aStructureWithoutGeometrySaysWhatFailedAndNamesTheMolecule() throws Exception {
        var cage = BondPerceptionTest.parse("C1C2CC1C2"); // bicyclo[1.1.1]pentane
        cage.setTitle("record 4");
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.openscience.cdk.exception.CDKException.class,
            () -> Conformers.embed(cage, 1));
        assertTrue(e.getMessage().contains("record 4 (C5H8)") && e.getMessage().contains("strained")
            && e.getMessage().matches(".*\\d+ (bond|bond angle)s? more than.*"), e.getMessage());
    }

    @Test
    void benzeneIsPlanarAndSameSeedSameGeometry() throws Exception {
        var a = Conformers.embed(BondPerceptionTest.parse("c1ccccc1"), 42);
        var b = Conformers.embed(BondPerceptionTest.parse("c1ccccc1"), 42);
        for (int i = 0; i < a.getAtomCount(); i++) {
            assertEquals(a.getAtom(i).getPoint3d(), b.getAtom(i).getPoint3d());
        }
        // ring carbons within 0.06 A, hydrogens within 0.25 A of the plane through three ring carbons
        var p0 = a.getAtom(0).getPoint3d();
        var u = new javax.vecmath.Vector3d();
        u.sub(a.getAtom(2).getPoint3d(), p0);
        var v = new javax.vecmath.Vector3d();
        v.sub(a.getAtom(4).getPoint3d(), p0);
        var normal = new javax.vecmath.Vector3d();
        normal.cross(u, v);
        normal.normalize();
        for (var atom : a.atoms()) {
            var w = new javax.vecmath.Vector3d();
            w.sub(atom.getPoint3d(), p0);
            double limit = atom.getAtomicNumber() == 6 ? 0.06 : 0.25;
            assertTrue(Math.abs(w.dot(normal)) < limit, atom.getSymbol() + " out of plane: " + w.dot(normal));
        }
    }

    @Test
    void forPointCloudKeepsWhatIsReadyAndEmbedsTheRest() throws Exception {
        var smiles = BondPerceptionTest.parse("CCO");
        smiles.setTitle("row 7");
        var embedded = Conformers.forPointCloud(smiles, true, 1);
        assertTrue(embedded != smiles && Conformers.has3D(embedded), "SMILES get a conformer");
        assertEquals(9, embedded.getAtomCount(), "with explicit hydrogens");
        assertEquals("row 7", embedded.getTitle(), "the title (row key) stays");
        assertTrue(Conformers.forPointCloud(embedded, true, 1) == embedded, "3D with explicit H is kept as is");
        var heavy = org.openscience.cdk.tools.manipulator.AtomContainerManipulator.removeHydrogens(embedded);
        assertTrue(Conformers.forPointCloud(heavy, false, 1) == heavy, "3D heavy atoms suffice without H");
        assertTrue(Conformers.forPointCloud(heavy, true, 1) != heavy, "but not when the cloud needs hydrogens");
    }

    /** A molecule beyond the atom limit is refused by its count before any n² array is allocated. */
    @Test
    void moleculesAboveTheAtomLimitAreRefusedBeforeEmbedding() throws Exception {
        var parser = new org.openscience.cdk.smiles.SmilesParser(
            org.openscience.cdk.silent.SilentChemObjectBuilder.getInstance());
        var chain = parser.parseSmiles("C".repeat(400)); // C400H802: 1,202 atoms with hydrogens
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.openscience.cdk.exception.CDKException.class,
            () -> Conformers.embed(chain, 1));
        assertEquals("it has 1,202 atoms with hydrogens, more than the 1,024 a molecule may have here", e.getMessage());
        var fits = parser.parseSmiles("C".repeat(20)); // C20H42: 62 atoms
        assertEquals(62, Conformers.embed(fits, 1).getAtomCount());
    }
}
