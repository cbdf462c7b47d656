package dev.flowmatch.engine.chem;

import org.openscience.cdk.config.Elements;
import org.openscience.cdk.interfaces.IBond;

/** Typical bond lengths in Å (single bonds of common pairs; multiple bonds scaled by order); used by perception and by the geometry checks. */
public final class BondLengths {

    private BondLengths() {
    }

    /** @return the typical length in Å of a bond by its elements and order (aromatic between single and double) */
    public static double ideal(final IBond bond) {
        int a = bond.getBegin().getAtomicNumber();
        int b = bond.getEnd().getAtomicNumber();
        double single = single(Math.min(a, b), Math.max(a, b));
        if (bond.isAromatic()) {
            return single * 0.91;
        }
        return switch (bond.getOrder()) {
            case DOUBLE -> single * 0.87;
            case TRIPLE -> single * 0.78;
            default -> single;
        };
    }

    /** Multiple-bond class of a distance: 0 single, 1 double or aromatic, 2 triple (nearest ideal length). */
    static int multiplicity(final int z1, final int z2, final double distance) {
        double single = single(Math.min(z1, z2), Math.max(z1, z2));
        double[] ideal = {single, single * 0.91, single * 0.87, single * 0.78};
        int best = 0;
        for (int k = 1; k < ideal.length; k++) {
            if (Math.abs(distance - ideal[k]) < Math.abs(distance - ideal[best])) {
                best = k;
            }
        }
        return best == 0 ? 0 : best == 3 ? 2 : 1;
    }

    /** @return distance divided by the ideal double-bond length of the pair: below 1 = convincingly double */
    static double doubleBondRatio(final int z1, final int z2, final double distance) {
        return distance / (single(Math.min(z1, z2), Math.max(z1, z2)) * 0.87);
    }

    private static double single(final int lo, final int hi) {
        var key = lo * 100 + hi;
        return switch (key) {
            case 101 -> 0.74; // H-H
            case 106 -> 1.09; // H-C
            case 107 -> 1.01; // H-N
            case 108 -> 0.96; // H-O
            case 116 -> 1.34; // H-S
            case 606 -> 1.53; // C-C
            case 607 -> 1.47; // C-N
            case 608 -> 1.43; // C-O
            case 609 -> 1.35; // C-F
            case 616 -> 1.82; // C-S
            case 617 -> 1.77; // C-Cl
            case 635 -> 1.94; // C-Br
            case 653 -> 2.14; // C-I
            case 707 -> 1.45; // N-N
            case 708 -> 1.40; // N-O
            case 808 -> 1.48; // O-O
            case 816 -> 1.66; // O-S
            default -> radius(lo) + radius(hi);
        };
    }

    private static double radius(final int z) {
        var r = Elements.ofNumber(z).covalentRadius();
        return r == null ? 1.5 : r;
    }
}
