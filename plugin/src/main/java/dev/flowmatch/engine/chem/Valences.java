package dev.flowmatch.engine.chem;

/**
 * Allowed valences (sum of bond orders, hydrogens included) per element and formal charge: the neutral values of
 * the EDM paper's table (Hoogeboom et al. 2022), extended to charges by isoelectronic analogy: N+ behaves like C (4), O+ like N (3), N- like O (2), O- like F (1), and so on.
 */
public final class Valences {

    private static final int[] NONE = new int[0];

    private Valences() {
    }

    /** @return the allowed valences, smallest first; empty if the element/charge is not covered */
    public static int[] allowed(final int atomicNumber, final int charge) {
        return switch (atomicNumber) {
            case 1 -> charge == 0 ? new int[]{1} : NONE;
            case 5 -> charge == 0 ? new int[]{3} : charge == -1 ? new int[]{4} : NONE;
            case 6, 14 -> charge == 0 ? new int[]{4} : Math.abs(charge) == 1 ? new int[]{3} : NONE;
            case 7 -> charge == 0 ? new int[]{3} : charge == 1 ? new int[]{4} : charge == -1 ? new int[]{2} : NONE;
            case 15 -> charge == 0 ? new int[]{3, 5} : charge == 1 ? new int[]{4} : charge == -1 ? new int[]{2} : NONE;
            case 8 -> charge == 0 ? new int[]{2} : charge == 1 ? new int[]{3} : charge == -1 ? new int[]{1} : NONE;
            case 16, 34 -> charge == 0 ? new int[]{2, 4, 6} : charge == 1 ? new int[]{3}
                : charge == -1 ? new int[]{1} : NONE;
            case 9, 17, 35, 53 -> charge == 0 ? new int[]{1} : charge == -1 ? new int[]{0} : NONE;
            case 33 -> charge == 0 ? new int[]{3} : NONE;
            default -> NONE;
        };
    }

    /** @return true if {@code valence} is allowed for the element at that charge */
    public static boolean isAllowed(final int atomicNumber, final int charge, final int valence) {
        for (int v : allowed(atomicNumber, charge)) {
            if (v == valence) {
                return true;
            }
        }
        return false;
    }

    /** @return the largest number of neighbours an element can have in any charge state we cover */
    static int maxDegree(final int atomicNumber) {
        return switch (atomicNumber) {
            case 1, 9, 17, 35, 53 -> 1;
            case 8 -> 3;
            case 5, 6, 7, 14 -> 4;
            case 15, 33 -> 5;
            case 16, 34 -> 6;
            default -> 6;
        };
    }
}
