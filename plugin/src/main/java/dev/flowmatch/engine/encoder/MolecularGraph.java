package dev.flowmatch.engine.encoder;

import java.util.Arrays;
import java.util.Set;

import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.interfaces.IBond;
import org.openscience.cdk.ringsearch.RingSearch;

import dev.flowmatch.engine.chem.Conformers;
import dev.flowmatch.engine.chem.MoleculeOutput;

/**
 * The heavy-atom graph of a molecule as the neural encoders see it: hydrogens become a count on their heavy
 * atom (united atoms), so a molecule gives the same graph whether its hydrogens are explicit atoms or implicit
 * counts. Aromaticity is perceived here (the project's Daylight model, without changing the caller's
 * molecule), so Kekulé and aromatic inputs agree too.
 *
 * @param atomFeatures n × {@link #ATOM_FEATURES}, row-major
 * @param bondFeatures n × n × {@link #BOND_FEATURES} (zero where there is no bond), row-major
 * @param elements element index per heavy atom, into {@link #ELEMENTS} (the last entry for any other)
 * @param hydrogens hydrogen count per heavy atom
 * @param coords n × 3 heavy-atom coordinates, or null when the molecule has no 3D coordinates
 * @param heavyOf for every input atom, the heavy atom it belongs to (itself, or a hydrogen's neighbour; −1 for
 *            a lone hydrogen)
 */
public record MolecularGraph(int size, float[] atomFeatures, float[] bondFeatures, int[] elements, int[] hydrogens,
    float[] coords, int[] heavyOf) {

    /** Element symbols with their own one-hot channel; anything else shares the last channel. */
    public static final String[] ELEMENTS = {"C", "N", "O", "F", "P", "S", "Cl", "Br", "I", "B", "Si", "Se", "*"};

    private static final int DEGREES = 6;

    private static final int HYDROGEN_COUNTS = 5;

    private static final int CHARGES = 4;

    private static final int HYBRIDIZATIONS = 3;

    /** Element, heavy degree, hydrogen count, charge (−1, 0, +1, other), sp/sp2/sp3, aromatic, in ring. */
    public static final int ATOM_FEATURES = ELEMENTS.length + DEGREES + HYDROGEN_COUNTS + CHARGES + HYBRIDIZATIONS + 2;

    /** Single, double, triple, aromatic, in ring. */
    public static final int BOND_FEATURES = 5;

    /**
     * @param mol a molecule with bonds (coordinates optional); not modified
     * @throws IllegalArgumentException if it has no heavy atom or a bond of unknown order
     */
    public static MolecularGraph of(final IAtomContainer mol) {
        var m = withHydrogenCounts(mol);
        int total = m.getAtomCount();
        var heavyOf = new int[total];
        int n = 0;
        for (int i = 0; i < total; i++) {
            heavyOf[i] = isHydrogen(m.getAtom(i)) ? -1 : n++;
        }
        if (n == 0) {
            throw new IllegalArgumentException("it has no heavy atom");
        }
        var hydrogens = new int[n];
        var degree = new int[n];
        for (int i = 0; i < total; i++) {
            var a = m.getAtom(i);
            if (heavyOf[i] >= 0) {
                hydrogens[heavyOf[i]] += a.getImplicitHydrogenCount();
                continue;
            }
            for (var nb : m.getConnectedAtomsList(a)) {
                int h = heavyOf[nb.getIndex()];
                if (h >= 0) {
                    hydrogens[h]++;
                    heavyOf[i] = h;
                }
            }
        }
        Set<IBond> aromatic;
        try {
            aromatic = MoleculeOutput.AROMATICITY.findBonds(m);
        } catch (CDKException e) {
            throw new IllegalArgumentException("its aromaticity cannot be perceived: " + e.getMessage(), e);
        }
        var rings = new RingSearch(m);
        var bonds = new float[n * n * BOND_FEATURES];
        var hasDouble = new int[n];
        var hasTriple = new boolean[n];
        var isAromatic = new boolean[n];
        for (var b : m.bonds()) {
            int u = heavyOf[b.getBegin().getIndex()];
            int v = heavyOf[b.getEnd().getIndex()];
            if (isHydrogen(b.getBegin()) || isHydrogen(b.getEnd())) {
                continue;
            }
            degree[u]++;
            degree[v]++;
            int kind = bondKind(b, aromatic.contains(b));
            boolean ring = rings.cyclic(b.getBegin().getIndex(), b.getEnd().getIndex());
            for (int[] e : new int[][] {{u, v}, {v, u}}) {
                int at = (e[0] * n + e[1]) * BOND_FEATURES;
                bonds[at + kind] = 1;
                bonds[at + 4] = ring ? 1 : 0;
            }
            if (kind == 3) {
                isAromatic[u] = isAromatic[v] = true;
            } else if (kind == 1) {
                hasDouble[u]++;
                hasDouble[v]++;
            } else if (kind == 2) {
                hasTriple[u] = hasTriple[v] = true;
            }
        }
        var features = new float[n * ATOM_FEATURES];
        var elements = new int[n];
        float[] coords = Conformers.has3D(m) ? new float[3 * n] : null;
        for (int i = 0; i < total; i++) {
            var a = m.getAtom(i);
            if (isHydrogen(a)) {
                continue;
            }
            int h = heavyOf[i];
            elements[h] = elementIndex(a.getSymbol());
            int at = h * ATOM_FEATURES;
            features[at + elements[h]] = 1;
            at += ELEMENTS.length;
            features[at + Math.min(degree[h], DEGREES - 1)] = 1;
            at += DEGREES;
            features[at + Math.min(hydrogens[h], HYDROGEN_COUNTS - 1)] = 1;
            at += HYDROGEN_COUNTS;
            int q = a.getFormalCharge() == null ? 0 : a.getFormalCharge();
            features[at + (q >= -1 && q <= 1 ? q + 1 : 3)] = 1;
            at += CHARGES;
            int hyb = hasTriple[h] || hasDouble[h] >= 2 ? 0 : hasDouble[h] == 1 || isAromatic[h] ? 1 : 2;
            features[at + hyb] = 1;
            at += HYBRIDIZATIONS;
            features[at] = isAromatic[h] ? 1 : 0;
            features[at + 1] = rings.cyclic(i) ? 1 : 0;
            if (coords != null) {
                var p = a.getPoint3d();
                coords[3 * h] = (float)p.x;
                coords[3 * h + 1] = (float)p.y;
                coords[3 * h + 2] = (float)p.z;
            }
        }
        return new MolecularGraph(n, features, bonds, elements, hydrogens, coords, heavyOf);
    }

    /** @return whether bond u–v exists */
    public boolean bonded(final int u, final int v) {
        int at = (u * size + v) * BOND_FEATURES;
        return bondFeatures[at] + bondFeatures[at + 1] + bondFeatures[at + 2] + bondFeatures[at + 3] > 0;
    }

    /** @return for every heavy atom, its bonded heavy atoms in increasing order */
    public int[][] neighbours() {
        var out = new int[size][];
        for (int u = 0; u < size; u++) {
            int count = 0;
            var list = new int[size];
            for (int v = 0; v < size; v++) {
                if (v != u && bonded(u, v)) {
                    list[count++] = v;
                }
            }
            out[u] = Arrays.copyOf(list, count);
        }
        return out;
    }

    /** @return the index into {@link #ELEMENTS} for an element symbol */
    public static int elementIndex(final String symbol) {
        for (int k = 0; k < ELEMENTS.length - 1; k++) {
            if (ELEMENTS[k].equals(symbol)) {
                return k;
            }
        }
        return ELEMENTS.length - 1;
    }

    private static boolean isHydrogen(final IAtom a) {
        return a.getAtomicNumber() != null ? a.getAtomicNumber() == 1 : "H".equals(a.getSymbol());
    }

    /** 0 single, 1 double, 2 triple, 3 aromatic. */
    private static int bondKind(final IBond b, final boolean aromatic) {
        if (aromatic) {
            return 3;
        }
        var order = b.getOrder();
        if (order == null || order == IBond.Order.UNSET) {
            throw new IllegalArgumentException("bond " + (b.getBegin().getIndex() + 1) + "–"
                + (b.getEnd().getIndex() + 1)
                + " has no order (Kekulé-ize or read the molecule with bond orders)");
        }
        return switch (order) {
            case SINGLE -> 0;
            case DOUBLE -> 1;
            case TRIPLE -> 2;
            default -> throw new IllegalArgumentException("bond " + (b.getBegin().getIndex() + 1) + "–"
                + (b.getEnd().getIndex() + 1) + " has order " + order + ", which the encoders do not support");
        };
    }

    /** Aromaticity perception needs implicit hydrogen counts; a copy gets 0 where the molecule has none. */
    private static IAtomContainer withHydrogenCounts(final IAtomContainer mol) {
        boolean complete = true;
        for (var a : mol.atoms()) {
            complete &= a.getImplicitHydrogenCount() != null;
        }
        if (complete) {
            return mol;
        }
        try {
            var copy = mol.clone();
            for (var a : copy.atoms()) {
                if (a.getImplicitHydrogenCount() == null) {
                    a.setImplicitHydrogenCount(0);
                }
            }
            return copy;
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }
}
