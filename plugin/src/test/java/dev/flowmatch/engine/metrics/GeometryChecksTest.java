package dev.flowmatch.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;


import javax.vecmath.Point3d;

import org.junit.jupiter.api.Test;
import org.openscience.cdk.interfaces.IAtomContainer;

import dev.flowmatch.engine.chem.BondPerception;
import dev.flowmatch.engine.chem.Conformers;
import dev.flowmatch.engine.chem.MoleculeReaders;
import dev.flowmatch.engine.chem.ReadResult;

/** Geometry checks pass good 3D structures and fail each kind of deliberate distortion. */
class GeometryChecksTest {

    static IAtomContainer embedded(final String smiles) throws Exception {
        return Conformers.embed(SetAndReferenceMetricsTest.mol(smiles), 1);
    }

    @Test
    void embeddedMoleculesPass() throws Exception {
        for (var smiles : new String[]{"CCO", "c1ccccc1", "C1CC1", "C1CCC1=O", "CC#N", "CC(=O)Nc1ccc(O)cc1"}) {
            var r = GeometryChecks.check(embedded(smiles));
            assertTrue(r.allPass(), smiles + ": " + r.problem());
        }
    }

    @Test
    void distortedCopiesFail() throws Exception {
        var stretched = embedded("c1ccccc1O");
        for (var a : stretched.atoms()) {
            a.getPoint3d().scale(1.4);
        }
        var r = GeometryChecks.check(stretched);
        assertFalse(r.bondLengths(), "bonds 40% too long");

        var puckered = embedded("c1ccccc1");
        // the best-fit plane takes half of a single atom's offset (its leverage in a hexagon is 1/2)
        var offset = normalOffset(puckered, 0.8);
        for (var nb : puckered.getConnectedAtomsList(puckered.getAtom(0))) {
            if (nb.getAtomicNumber() == 1) {
                nb.getPoint3d().add(offset); // the hydrogen moves with its carbon
            }
        }
        puckered.getAtom(0).getPoint3d().add(offset);
        var rp = GeometryChecks.check(puckered);
        assertFalse(rp.flatRings(), "one ring atom 0.8 Å out of plane: " + rp);
        assertTrue(rp.bondLengths(), "only flatness catches it");

        var squashed = embedded("CCCC");
        // put the two terminal carbons (1-4) almost on top of each other, keeping bonds roughly intact is
        // impossible, so check that the clash (not only lengths) is reported
        squashed.getAtom(3).setPoint3d(new Point3d(squashed.getAtom(0).getPoint3d()));
        squashed.getAtom(3).getPoint3d().x += 0.3;
        assertFalse(GeometryChecks.check(squashed).noClash());

        var bent = embedded("CC#N");
        // fold the nitrile: move N to make C-C-N 90° at the same bond length
        var c1 = bent.getAtom(1).getPoint3d();
        var c0 = bent.getAtom(0).getPoint3d();
        var axis = new Point3d(c1);
        axis.sub(c0);
        var perp = new Point3d(-axis.y, axis.x, 0);
        perp.scale(1.16 / Math.sqrt(perp.x * perp.x + perp.y * perp.y + perp.z * perp.z));
        var n = new Point3d(c1);
        n.add(perp);
        bent.getAtom(2).setPoint3d(n);
        var rb = GeometryChecks.check(bent);
        assertFalse(rb.bondAngles(), "nitrile bent to 90°: " + rb);
        assertTrue(rb.bondLengths());
        assertFalse(GeometryChecks.check(SetAndReferenceMetricsTest.mol("CCO")).has3d());
    }

    private static Point3d normalOffset(final IAtomContainer ring, final double by) {
        var a = ring.getAtom(0).getPoint3d();
        var b = ring.getAtom(1).getPoint3d();
        var c = ring.getAtom(2).getPoint3d();
        double ux = b.x - a.x, uy = b.y - a.y, uz = b.z - a.z;
        double vx = c.x - a.x, vy = c.y - a.y, vz = c.z - a.z;
        var nrm = new Point3d(uy * vz - uz * vy, uz * vx - ux * vz, ux * vy - uy * vx);
        nrm.scale(by / Math.sqrt(nrm.x * nrm.x + nrm.y * nrm.y + nrm.z * nrm.z));
        return nrm;
    }

    @Test
    void qm9ReferenceGeometriesPass() throws Exception {
        var p = dev.flowmatch.engine.SharedTestData.require("qm9/qm9_3d.xyz.xz");
        int n = 0;
        int pass = 0;
        String example = null;
        try (var s = MoleculeReaders.open(p)) {
            for (var r : (Iterable<ReadResult>)s.limit(2000)::iterator) {
                var report = GeometryChecks.check(BondPerception.perceive(r.molecule()).molecule());
                n++;
                if (report.allPass()) {
                    pass++;
                } else if (example == null) {
                    example = r.molecule().getTitle() + ": " + report.problem();
                }
            }
        }
        assertTrue(pass >= 0.99 * n, pass + " of " + n + " pass; e.g. " + example);
    }
}
