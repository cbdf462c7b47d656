package dev.flowmatch.engine.chem;

import org.openscience.cdk.config.Elements;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IPseudoAtom;

/** An atom type of the vocabulary: element and formal charge, written "C", "N+", "O-", "Fe+2". */
public record AtomSpec(int atomicNumber, int charge) implements Comparable<AtomSpec> {

    /** @return whether the atom is a pseudo-atom ("*", "R"): a placeholder, not an element */
    static boolean isPlaceholder(final IAtom atom) {
        return atom instanceof IPseudoAtom || atom.getAtomicNumber() == null || atom.getAtomicNumber() < 1;
    }

    /** @return what a pseudo-atom is, for messages */
    static String placeholder(final IAtom atom) {
        return "pseudo-atom \"" + atom.getSymbol() + "\" (a placeholder such as * or R, not an element)";
    }

    /** @throws IllegalArgumentException for a pseudo-atom ({@link #isPlaceholder}) */
    public static AtomSpec of(final IAtom atom) {
        if (isPlaceholder(atom)) {
            throw new IllegalArgumentException(placeholder(atom));
        }
        return new AtomSpec(atom.getAtomicNumber(), atom.getFormalCharge() == null ? 0 : atom.getFormalCharge());
    }

    /** Parses the form written by {@link #toString()}. */
    public static AtomSpec parse(final String token) {
        int i = 1;
        while (i < token.length() && Character.isLowerCase(token.charAt(i))) {
            i++;
        }
        var e = Elements.ofString(token.substring(0, i));
        if (e == Elements.Unknown) {
            throw new IllegalArgumentException("Unknown element in atom type \"" + token + "\"");
        }
        var rest = token.substring(i);
        int charge = 0;
        if (!rest.isEmpty()) {
            int sign = rest.charAt(0) == '+' ? 1 : rest.charAt(0) == '-' ? -1 : 0;
            if (sign == 0) {
                throw new IllegalArgumentException("Invalid charge in atom type \"" + token + "\"");
            }
            charge = sign * (rest.length() == 1 ? 1 : Integer.parseInt(rest.substring(1)));
        }
        return new AtomSpec(e.number(), charge);
    }

    public String symbol() {
        return Elements.ofNumber(atomicNumber).symbol();
    }

    @Override
    public int compareTo(final AtomSpec o) {
        return atomicNumber != o.atomicNumber ? Integer.compare(atomicNumber, o.atomicNumber)
            : Integer.compare(charge, o.charge);
    }

    @Override
    public String toString() {
        if (charge == 0) {
            return symbol();
        }
        return symbol() + (charge > 0 ? "+" : "-") + (Math.abs(charge) == 1 ? "" : Integer.toString(Math.abs(charge)));
    }
}
