package dev.flowmatch.engine.metrics;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.openscience.cdk.interfaces.IAtomContainer;

/**
 * Atom and molecule stability exactly as EDM computes them (Hoogeboom et al. 2022, public code
 * {@code qm9/bond_analyze.py} and {@code qm9/analyze.py}), the rule EquiFM, GeoLDM and their successors report
 * on QM9: from element symbols and coordinates only, with no perceived bonds and no charges. Every pair of
 * atoms gets a bond order from its distance: single below EDM's single-bond length + 10 pm, double below the
 * double-bond length + 5 pm, triple below the triple-bond length + 3 pm (each step only for pairs EDM lists a
 * length for), otherwise none. An atom is stable when its bond-order sum is an allowed valence of its element
 * (H 1, C 4, N 3, O 2, F 1, …; P 3 or 5); a molecule when all its atoms are.
 *
 * <p>EDM's QM9 rule fails outright (a missing key) for a pair of elements without a single-bond length, and it
 * has no notion of implicit hydrogens. Rather than guess, such molecules are <em>not judged</em>: {@link Result}
 * names the reason, and set metrics leave them out of both numerator and denominator and count them.
 */
public final class EdmStability {

    /** EDM's margins in pm, tuned by its authors to maximise the stability of real QM9 molecules. */
    static final int SINGLE_MARGIN = 10;

    static final int DOUBLE_MARGIN = 5;

    static final int TRIPLE_MARGIN = 3;

    /** Bond lengths in pm, per unordered element pair, as EDM's bonds1/bonds2/bonds3 tables list them. */
    private static final Map<String, Integer> SINGLE = table("""
        H-H 74 H-C 109 H-N 101 H-O 96 H-F 92 H-B 119 H-Si 148 H-P 144 H-As 152 H-S 134 H-Cl 127 H-Br 141 H-I 161
        C-C 154 C-N 147 C-O 143 C-F 135 C-Si 185 C-P 184 C-S 182 C-Cl 177 C-Br 194 C-I 214
        N-N 145 N-O 140 N-F 136 N-Cl 175 N-Br 214 N-S 168 N-I 222 N-P 177
        O-O 148 O-F 142 O-Br 172 O-S 151 O-P 163 O-Si 163 O-Cl 164 O-I 194
        F-F 142 F-S 158 F-Si 160 F-Cl 166 F-Br 178 F-P 156 F-I 187
        B-Cl 175 Si-Si 233 Si-S 200 Si-Cl 202 Si-Br 215 Si-I 243
        Cl-Cl 199 Cl-P 203 Cl-S 207 Cl-Br 214 S-S 204 S-Br 225 S-P 210 S-I 234
        Br-Br 228 Br-P 222 P-P 221 I-I 266""");

    private static final Map<String, Integer> DOUBLE = table("""
        C-C 134 C-N 129 C-O 120 C-S 160 N-N 125 N-O 121 O-O 121 O-P 150 P-S 186""");

    private static final Map<String, Integer> TRIPLE = table("C-C 120 C-N 116 C-O 113 N-N 110");

    /** Allowed bond-order sums per element (EDM's allowed_bonds). */
    private static final Map<String, int[]> VALENCES = Map.ofEntries(Map.entry("H", new int[]{1}),
        Map.entry("C", new int[]{4}), Map.entry("N", new int[]{3}), Map.entry("O", new int[]{2}),
        Map.entry("F", new int[]{1}), Map.entry("B", new int[]{3}), Map.entry("Al", new int[]{3}),
        Map.entry("Si", new int[]{4}), Map.entry("P", new int[]{3, 5}), Map.entry("S", new int[]{4}),
        Map.entry("Cl", new int[]{1}), Map.entry("As", new int[]{3}), Map.entry("Br", new int[]{1}),
        Map.entry("I", new int[]{1}), Map.entry("Hg", new int[]{1, 2}), Map.entry("Bi", new int[]{3, 5}));

    private EdmStability() {
    }

    /**
     * @param stableAtoms atoms whose bond-order sum is allowed (0 when not judged)
     * @param atoms atom count
     * @param notJudged why EDM's rule cannot judge this molecule, or null when it did
     * @param bondOrderSums per atom, the sum of the orders EDM's rule gave its pairs (empty when not judged)
     */
    public record Result(int stableAtoms, int atoms, String notJudged, int[] bondOrderSums) {

        public boolean judged() {
            return notJudged == null;
        }

        /** @return judged, with at least one atom, all of them stable */
        public boolean moleculeStable() {
            return judged() && atoms > 0 && stableAtoms == atoms;
        }
    }

    /**
     * EDM's get_bond_order: the order of a pair of atoms at a distance.
     *
     * @param angstrom distance in Å
     * @return 0 (no bond) to 3, or −1 when EDM has no single-bond length for the pair
     */
    public static int bondOrder(final String a, final String b, final double angstrom) {
        var key = key(a, b);
        var single = SINGLE.get(key);
        if (single == null) {
            return -1;
        }
        double pm = 100 * angstrom;
        if (pm >= single + SINGLE_MARGIN) {
            return 0;
        }
        var dbl = DOUBLE.get(key);
        if (dbl == null || pm >= dbl + DOUBLE_MARGIN) {
            return 1;
        }
        var triple = TRIPLE.get(key);
        return triple != null && pm < triple + TRIPLE_MARGIN ? 3 : 2;
    }

    /** @return whether the bond-order sum is an allowed valence of the element (false for elements EDM lacks) */
    public static boolean allowed(final String element, final int bondOrderSum) {
        var v = VALENCES.get(element);
        if (v == null) {
            return false;
        }
        for (int x : v) {
            if (x == bondOrderSum) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param symbols element symbols, e.g. "C"
     * @param xyz coordinates in Å, [atom][3]
     */
    public static Result check(final String[] symbols, final double[][] xyz) {
        int n = symbols.length;
        for (var s : symbols) {
            if (!VALENCES.containsKey(s)) {
                return new Result(0, n, "element " + s + " has no valence in EDM's table", new int[0]);
            }
        }
        var sums = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double dx = xyz[i][0] - xyz[j][0];
                double dy = xyz[i][1] - xyz[j][1];
                double dz = xyz[i][2] - xyz[j][2];
                int order = bondOrder(symbols[i], symbols[j], Math.sqrt(dx * dx + dy * dy + dz * dz));
                if (order < 0) {
                    return new Result(0, n, "EDM's table has no bond length for " + key(symbols[i], symbols[j]),
                        new int[0]);
                }
                sums[i] += order;
                sums[j] += order;
            }
        }
        int stable = 0;
        for (int i = 0; i < n; i++) {
            stable += allowed(symbols[i], sums[i]) ? 1 : 0;
        }
        return new Result(stable, n, null, sums);
    }

    /**
     * EDM's rule on a molecule's atoms: symbols and 3D coordinates only; its bonds and charges are not read.
     * Not judged when an atom lacks 3D coordinates or carries implicit hydrogens (EDM counts only hydrogens
     * that have positions).
     */
    public static Result check(final IAtomContainer mol) {
        int n = mol.getAtomCount();
        var symbols = new String[n];
        var xyz = new double[n][];
        for (int i = 0; i < n; i++) {
            var a = mol.getAtom(i);
            var p = a.getPoint3d();
            if (p == null) {
                return new Result(0, n, "no 3D coordinates", new int[0]);
            }
            var h = a.getImplicitHydrogenCount();
            if (h != null && h > 0) {
                return new Result(0, n, String.format(Locale.ROOT,
                    "implicit hydrogens on atom %d: EDM's rule needs every hydrogen with coordinates", i + 1),
                    new int[0]);
            }
            symbols[i] = a.getSymbol();
            xyz[i] = new double[]{p.x, p.y, p.z};
        }
        return check(symbols, xyz);
    }

    private static String key(final String a, final String b) {
        return a.compareTo(b) <= 0 ? a + "-" + b : b + "-" + a;
    }

    /** @return "A-B pm" entries keyed by the ordered pair */
    private static Map<String, Integer> table(final String entries) {
        var out = new HashMap<String, Integer>();
        var tokens = entries.trim().split("\\s+");
        for (int k = 0; k < tokens.length; k += 2) {
            var pair = tokens[k].split("-");
            if (out.put(key(pair[0], pair[1]), Integer.parseInt(tokens[k + 1])) != null) {
                throw new IllegalStateException("EDM table lists " + tokens[k] + " twice");
            }
        }
        return Map.copyOf(out);
    }
}
