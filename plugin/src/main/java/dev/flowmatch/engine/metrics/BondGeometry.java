package dev.flowmatch.engine.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.interfaces.IBond;

/**
 * Bond lengths and bond angles of a set of 3D molecules, gathered by type and compared with a reference set
 * by the 1-Wasserstein (earth mover's) distance, as MiDi- and SemlaFlow-style evaluations report geometry:
 * <ul>
 * <li>a <b>bond type</b> is the element pair and the bond's order in the molecule (e.g. {@code C-C}, {@code C=O},
 * {@code C#N}, {@code C:C} for an aromatic bond without a Kekulé order, {@code C-H}); carbon first, hydrogen
 * last, others alphabetically;</li>
 * <li>an <b>angle type</b> is the three elements with the centre in the middle and the two ends in the same
 * order (e.g. {@code C-C-O}, {@code H-C-H});</li>
 * <li>the set's <b>bond-length W1</b> (Å) is the mean of the per-type W1 over the bond types between heavy atoms
 * that both sets have, weighted by the reference's count of each type (so a generator is measured on the
 * reference's mixture of bonds). Bonds to hydrogen are listed per type but left out of this mean: they are half
 * of a QM9 molecule's bonds, nearly fixed in length, and would halve every heavy-atom error;</li>
 * <li>the <b>bond-angle W1</b> (degrees) is the same mean over all angle types, hydrogens included;</li>
 * <li>generated bonds of types the reference lacks are counted, not averaged.</li>
 * </ul>
 * Molecules without 3D coordinates on every atom are skipped.
 */
public final class BondGeometry {

    private BondGeometry() {
    }

    /** Lengths (Å) by bond type and angles (degrees) by angle type of one set, each list sorted. */
    public record Samples(Map<String, double[]> lengths, Map<String, double[]> angles, int molecules) {

        /** @return all bonded distances by unordered element pair (e.g. "C-N" for single, double and triple) */
        public Map<String, double[]> lengthsByElementPair() {
            var pooled = new TreeMap<String, List<double[]>>();
            lengths.forEach((type, v) -> pooled.computeIfAbsent(type.replaceAll("[=#:~$]", "-"),
                k -> new ArrayList<>()).add(v));
            var out = new TreeMap<String, double[]>();
            pooled.forEach((pair, parts) -> {
                var all = parts.stream().flatMapToDouble(Arrays::stream).sorted().toArray();
                out.put(pair, all);
            });
            return out;
        }
    }

    /**
     * One type's comparison.
     *
     * @param kind "bond length" (Å) or "bond angle" (degrees)
     * @param w1 1-Wasserstein distance, NaN when one set has none of the type
     */
    public record TypeDistance(String kind, String type, int generated, int reference, double w1,
        double generatedMean, double referenceMean) {
    }

    /**
     * @param bondLengthW1 reference-count-weighted mean of the per-type bond-length W1 of heavy-atom bonds (Å)
     * @param bondAngleW1 the same for angles (degrees)
     * @param unmatchedBonds share of generated bonds whose type the reference lacks
     * @param types every bond and angle type of either set, bonds first, by decreasing reference count
     */
    public record Comparison(double bondLengthW1, double bondAngleW1, double unmatchedBonds,
        List<TypeDistance> types) {
    }

    public static Samples of(final Collection<IAtomContainer> molecules) {
        var lengths = new TreeMap<String, List<Double>>();
        var angles = new TreeMap<String, List<Double>>();
        int used = 0;
        for (var mol : molecules) {
            if (mol == null || mol.getAtomCount() == 0 || !has3d(mol)) {
                continue;
            }
            used++;
            for (var b : mol.bonds()) {
                lengths.computeIfAbsent(bondType(b), k -> new ArrayList<>())
                    .add(b.getBegin().getPoint3d().distance(b.getEnd().getPoint3d()));
            }
            for (var centre : mol.atoms()) {
                var nbs = mol.getConnectedAtomsList(centre);
                for (int x = 0; x < nbs.size(); x++) {
                    for (int y = x + 1; y < nbs.size(); y++) {
                        angles.computeIfAbsent(angleType(nbs.get(x), centre, nbs.get(y)), k -> new ArrayList<>())
                            .add(angleDegrees(nbs.get(x), centre, nbs.get(y)));
                    }
                }
            }
        }
        return new Samples(sorted(lengths), sorted(angles), used);
    }

    public static Comparison compare(final Samples generated, final Samples reference) {
        var types = new ArrayList<TypeDistance>();
        double lengthW1 = weighted(generated.lengths(), reference.lengths(), "bond length", t -> !toHydrogen(t),
            types);
        double angleW1 = weighted(generated.angles(), reference.angles(), "bond angle", t -> true, types);
        long all = generated.lengths().values().stream().mapToLong(v -> v.length).sum();
        long unmatched = generated.lengths().entrySet().stream()
            .filter(e -> !reference.lengths().containsKey(e.getKey())).mapToLong(e -> e.getValue().length).sum();
        return new Comparison(lengthW1, angleW1, all == 0 ? Double.NaN : unmatched / (double)all, types);
    }

    /** @param averaged the types that enter the mean (all are listed) */
    private static double weighted(final Map<String, double[]> gen, final Map<String, double[]> ref,
        final String kind, final java.util.function.Predicate<String> averaged, final List<TypeDistance> out) {
        var keys = new java.util.TreeSet<>(gen.keySet());
        keys.addAll(ref.keySet());
        var rows = new ArrayList<TypeDistance>();
        double sum = 0;
        long weight = 0;
        for (var k : keys) {
            var g = gen.getOrDefault(k, new double[0]);
            var r = ref.getOrDefault(k, new double[0]);
            double w1 = g.length == 0 || r.length == 0 ? Double.NaN : wasserstein1(g, r);
            if (!Double.isNaN(w1) && averaged.test(k)) {
                sum += w1 * r.length;
                weight += r.length;
            }
            rows.add(new TypeDistance(kind, k, g.length, r.length, w1, mean(g), mean(r)));
        }
        rows.sort(Comparator.comparingInt(TypeDistance::reference).reversed()
            .thenComparing(Comparator.comparingInt(TypeDistance::generated).reversed()));
        out.addAll(rows);
        return weight == 0 ? Double.NaN : sum / weight;
    }

    /**
     * One bin of a bonded-distance histogram of one element pair.
     *
     * @param pair unordered element pair, e.g. "C-N" (all orders pooled)
     * @param from lower edge in Å (inclusive)
     * @param to upper edge in Å (exclusive)
     */
    public record HistogramBin(String pair, double from, double to, int generated, int reference) {
    }

    /**
     * Histograms of bonded distances per element pair, for a user to plot generated against reference: bins of
     * {@code width} Å aligned to multiples of it, from the lowest to the highest occupied bin of each pair
     * (distances beyond {@link #HISTOGRAM_MAX} Å fall into the bin at it).
     */
    public static List<HistogramBin> histograms(final Samples generated, final Samples reference,
        final double width) {
        var gen = generated.lengthsByElementPair();
        var ref = reference == null ? Map.<String, double[]>of() : reference.lengthsByElementPair();
        var pairs = new java.util.TreeSet<>(gen.keySet());
        pairs.addAll(ref.keySet());
        var out = new ArrayList<HistogramBin>();
        for (var pair : pairs) {
            var g = gen.getOrDefault(pair, new double[0]);
            var r = ref.getOrDefault(pair, new double[0]);
            long lo = Long.MAX_VALUE;
            long hi = Long.MIN_VALUE;
            for (var v : new double[][]{g, r}) {
                if (v.length > 0) {
                    lo = Math.min(lo, bin(v[0], width));
                    hi = Math.max(hi, bin(v[v.length - 1], width));
                }
            }
            var gc = counts(g, lo, hi, width);
            var rc = counts(r, lo, hi, width);
            for (int k = 0; k < gc.length; k++) {
                out.add(new HistogramBin(pair, (lo + k) * width, (lo + k + 1) * width, gc[k], rc[k]));
            }
        }
        return out;
    }

    private static int[] counts(final double[] v, final long lo, final long hi, final double width) {
        var c = new int[(int)(hi - lo + 1)];
        for (double d : v) {
            c[(int)(bin(d, width) - lo)]++;
        }
        return c;
    }

    /** Longest distance a histogram bins on its own; longer "bonds" (a broken input) share the last bin. */
    static final double HISTOGRAM_MAX = 4.0;

    private static long bin(final double d, final double width) {
        return (long)Math.floor(Math.max(0, Math.min(d, HISTOGRAM_MAX)) / width);
    }

    /**
     * The 1-Wasserstein distance between two empirical distributions on the line: the area between their
     * cumulative distribution functions.
     *
     * @param a, b samples sorted ascending, each non-empty
     */
    public static double wasserstein1(final double[] a, final double[] b) {
        int i = 0;
        int j = 0;
        double area = 0;
        double x = Math.min(a[0], b[0]);
        while (i < a.length || j < b.length) {
            double next = j >= b.length || i < a.length && a[i] <= b[j] ? a[i] : b[j];
            area += Math.abs(i / (double)a.length - j / (double)b.length) * (next - x);
            x = next;
            while (i < a.length && a[i] == x) {
                i++;
            }
            while (j < b.length && b[j] == x) {
                j++;
            }
        }
        return area;
    }

    /** @return e.g. "C=O": element pair with carbon first and hydrogen last, and the bond's order symbol */
    public static String bondType(final IBond b) {
        var order = b.getOrder();
        String symbol;
        if (order == null || order == IBond.Order.UNSET) {
            symbol = b.isAromatic() ? ":" : "~";
        } else {
            symbol = switch (order) {
                case SINGLE -> "-";
                case DOUBLE -> "=";
                case TRIPLE -> "#";
                default -> "$";
            };
        }
        var x = b.getBegin().getSymbol();
        var y = b.getEnd().getSymbol();
        return ELEMENT_ORDER.compare(x, y) <= 0 ? x + symbol + y : y + symbol + x;
    }

    /** @return e.g. "C-C-O": the centre in the middle, the ends in element order */
    public static String angleType(final IAtom end1, final IAtom centre, final IAtom end2) {
        var x = end1.getSymbol();
        var z = end2.getSymbol();
        return ELEMENT_ORDER.compare(x, z) <= 0 ? x + "-" + centre.getSymbol() + "-" + z
            : z + "-" + centre.getSymbol() + "-" + x;
    }

    /** @return whether a bond type such as "C-H" joins a hydrogen */
    static boolean toHydrogen(final String bondType) {
        return Arrays.asList(bondType.split("[-=#:~$]")).contains("H");
    }

    /** Carbon first, hydrogen last, others alphabetically (Hill-like, so "C-H", "N-H", "C-O"). */
    static final Comparator<String> ELEMENT_ORDER = Comparator.<String>comparingInt(s -> s.equals("C") ? 0
        : s.equals("H") ? 2 : 1).thenComparing(Comparator.naturalOrder());

    private static double angleDegrees(final IAtom a, final IAtom centre, final IAtom c) {
        var p = centre.getPoint3d();
        double[] u = {a.getPoint3d().x - p.x, a.getPoint3d().y - p.y, a.getPoint3d().z - p.z};
        double[] v = {c.getPoint3d().x - p.x, c.getPoint3d().y - p.y, c.getPoint3d().z - p.z};
        double dot = u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
        double nu = Math.sqrt(u[0] * u[0] + u[1] * u[1] + u[2] * u[2]);
        double nv = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        if (nu == 0 || nv == 0) {
            return Double.NaN;
        }
        return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, dot / (nu * nv)))));
    }

    private static boolean has3d(final IAtomContainer mol) {
        for (var a : mol.atoms()) {
            if (a.getPoint3d() == null) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, double[]> sorted(final Map<String, List<Double>> in) {
        var out = new TreeMap<String, double[]>();
        in.forEach((k, v) -> {
            var arr = v.stream().mapToDouble(Double::doubleValue).filter(d -> !Double.isNaN(d)).sorted().toArray();
            if (arr.length > 0) {
                out.put(k, arr);
            }
        });
        return out;
    }

    private static double mean(final double[] v) {
        return v.length == 0 ? Double.NaN : Arrays.stream(v).average().orElse(Double.NaN);
    }
}
