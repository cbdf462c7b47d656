package dev.flowmatch.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.openscience.cdk.interfaces.IAtomContainer;

import dev.flowmatch.engine.chem.BondPerception;
import dev.flowmatch.engine.chem.MoleculeReaders;
import dev.flowmatch.engine.chem.ReadResult;

/** Bond lengths and angles by type, and their 1-Wasserstein distances, against closed forms and QM9 itself. */
class BondGeometryTest {

    @Test
    void wassersteinDistanceMatchesClosedForms() {
        double[] a = {1.0, 1.2, 1.5, 2.0};
        assertEquals(0, BondGeometry.wasserstein1(a, a), 1e-15);
        var shifted = Arrays.stream(a).map(x -> x + 0.05).toArray();
        assertEquals(0.05, BondGeometry.wasserstein1(a, shifted), 1e-12, "a shift moves every unit of mass by it");
        assertEquals(0.05, BondGeometry.wasserstein1(shifted, a), 1e-12, "symmetric");
        assertEquals(0.5, BondGeometry.wasserstein1(new double[]{0, 1}, new double[]{0}), 1e-15);
        // uniform on {0..9} against uniform on {0..4}: |E - E'| needs 5 units of half the mass = 2.5
        var ten = IntStream.range(0, 10).asDoubleStream().toArray();
        var five = IntStream.range(0, 5).asDoubleStream().toArray();
        assertEquals(2.5, BondGeometry.wasserstein1(ten, five), 1e-12);
        // point masses: the distance between them
        assertEquals(0.3, BondGeometry.wasserstein1(new double[]{1.2, 1.2}, new double[]{1.5}), 1e-12);
    }

    @Test
    void typesNameElementsAndOrders() {
        var ethylene = EdmStabilityTest.rebuilt(EdmStabilityTest.ETHYLENE, EdmStabilityTest.ethylene(1.33));
        var s = BondGeometry.of(List.of(ethylene));
        assertEquals(List.of("C-H", "C=C"), List.copyOf(s.lengths().keySet()));
        assertEquals(4, s.lengths().get("C-H").length);
        assertEquals(1.33, s.lengths().get("C=C")[0], 1e-6);
        assertEquals(List.of("C-C-H", "H-C-H"), List.copyOf(s.angles().keySet()));
        assertEquals(120.0, s.angles().get("H-C-H")[0], 1e-4);
        assertEquals(120.0, s.angles().get("C-C-H")[3], 1e-4);
        assertTrue(BondGeometry.toHydrogen("N-H") && !BondGeometry.toHydrogen("C=C"));
        assertEquals(Map.of("C-C", 1, "C-H", 4), count(s.lengthsByElementPair()));
    }

    private static Map<String, Integer> count(final Map<String, double[]> m) {
        var out = new TreeMap<String, Integer>();
        m.forEach((k, v) -> out.put(k, v.length));
        return out;
    }

    /**
     * Two interleaved halves of the first 10,000 QM9 molecules (bonds perceived) differ by almost nothing; the
     * first half with every heavy-atom bond 0.05 Å longer differs from the second by 0.05 Å.
     */
    @Test
    void qm9HalvesAgreeAndAStretchedCopyIsFiveHundredthsOfAnAngstromOff() throws Exception {
        var file = dev.flowmatch.engine.SharedTestData.require("qm9/qm9_3d.xyz.xz");
        var mols = new ArrayList<IAtomContainer>();
        try (var s = MoleculeReaders.open(file)) {
            for (var r : (Iterable<ReadResult>)s.limit(10_000)::iterator) {
                mols.add(r.molecule());
            }
        }
        var perceived = mols.parallelStream().map(m -> BondPerception.perceive(m).molecule()).toList();
        // QM9 is ordered by size: interleave, so both halves come from one distribution
        var even = IntStream.range(0, perceived.size()).filter(i -> i % 2 == 0).mapToObj(perceived::get).toList();
        var odd = IntStream.range(0, perceived.size()).filter(i -> i % 2 == 1).mapToObj(perceived::get).toList();
        var a = BondGeometry.of(even);
        var b = BondGeometry.of(odd);
        var same = BondGeometry.compare(a, b);
        System.out.printf(java.util.Locale.ROOT, "QM9 halves: bond length W1 %.5f Å, bond angle W1 %.4f°%n",
            same.bondLengthW1(), same.bondAngleW1());
        assertTrue(same.bondLengthW1() <= 0.005, "QM9 vs QM9: " + same.bondLengthW1());
        assertTrue(same.bondAngleW1() < 1.0, "QM9 vs QM9 angles: " + same.bondAngleW1());

        var stretched = new TreeMap<String, double[]>();
        a.lengths().forEach((type, v) -> stretched.put(type,
            BondGeometry.toHydrogen(type) ? v : Arrays.stream(v).map(x -> x + 0.05).toArray()));
        var off = BondGeometry.compare(new BondGeometry.Samples(stretched, a.angles(), a.molecules()), b);
        System.out.printf(java.util.Locale.ROOT, "stretched by 0.05 Å: bond length W1 %.5f Å%n", off.bondLengthW1());
        assertEquals(0.05, off.bondLengthW1(), 0.005);
        var ch = off.types().stream().filter(t -> t.type().equals("C-H")).findFirst().orElseThrow();
        assertTrue(ch.w1() < 0.005, "bonds to hydrogen were not stretched: " + ch);
    }
}
