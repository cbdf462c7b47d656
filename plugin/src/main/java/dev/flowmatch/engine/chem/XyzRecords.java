package dev.flowmatch.engine.chem;

import java.io.BufferedReader;
import java.util.Iterator;
import java.util.NoSuchElementException;

import javax.vecmath.Point3d;

import org.openscience.cdk.config.Elements;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.silent.SilentChemObjectBuilder;

/**
 * Concatenated XYZ records: an atom count line, a comment line (the title, e.g. QM9's "dsgdb9nsd_000001"),
 * then one "element x y z [extra columns]" line per atom, in Ångström. Elements may be symbols or atomic
 * numbers; Mathematica's "*^" exponents (original QM9 files) are accepted. Atoms get no bonds and an
 * implicit hydrogen count of 0: bonds come from {@link BondPerception}.
 */
final class XyzRecords implements Iterator<ReadResult> {

    private final NumberedLines m_in;

    private long m_index;

    private String m_countLine;

    XyzRecords(final BufferedReader in, final String source) {
        m_in = new NumberedLines(in, source, NumberedLines.MAX_LINE_CHARS);
        m_countLine = m_in.nextNonBlank();
    }

    @Override
    public boolean hasNext() {
        return m_countLine != null;
    }

    @Override
    public ReadResult next() {
        if (m_countLine == null) {
            throw new NoSuchElementException();
        }
        long index = m_index++;
        long countLineNo = m_in.number();
        int n;
        try {
            n = Integer.parseInt(m_countLine.trim());
            if (n <= 0) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            var bad = m_countLine;
            resyncToNextCountLine();
            return ReadResult.failed(index, countLineNo, "", "line " + countLineNo + ": expected a positive atom count, found \""
                + bad.trim() + "\"");
        }
        var title = m_in.next();
        var lines = new String[n];
        for (int i = 0; i < n; i++) {
            lines[i] = m_in.next();
            if (lines[i] == null) {
                m_countLine = null;
                return ReadResult.failed(index, countLineNo, title == null ? "" : title.trim(),
                    "file ends inside the record starting at line " + countLineNo + " (" + i + " of " + n + " atoms)");
            }
        }
        m_countLine = m_in.nextNonBlank();
        try {
            return ReadResult.ok(index, countLineNo, title.trim(), parseAtoms(lines, countLineNo + 2, title.trim()));
        } catch (IllegalArgumentException e) {
            return ReadResult.failed(index, countLineNo, title.trim(), e.getMessage());
        }
    }

    /** After a broken count line the record length is unknown: skip to the next line holding only an integer. */
    private void resyncToNextCountLine() {
        String l;
        while ((l = m_in.next()) != null) {
            var t = l.trim();
            if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
                m_countLine = t;
                return;
            }
        }
        m_countLine = null;
    }

    private static IAtomContainer parseAtoms(final String[] lines, final long firstLine, final String title) {
        var builder = SilentChemObjectBuilder.getInstance();
        var mol = builder.newAtomContainer();
        mol.setTitle(title);
        for (int i = 0; i < lines.length; i++) {
            var f = lines[i].trim().split("\\s+");
            long lineNo = firstLine + i + 1;
            if (f.length < 4) {
                throw new IllegalArgumentException("line " + lineNo + ": expected \"element x y z\", found \""
                    + lines[i].trim() + "\"");
            }
            var element = element(f[0], lineNo);
            var atom = builder.newAtom();
            atom.setAtomicNumber(element.number());
            atom.setSymbol(element.symbol());
            atom.setImplicitHydrogenCount(0);
            atom.setPoint3d(new Point3d(coordinate(f[1], lineNo), coordinate(f[2], lineNo), coordinate(f[3], lineNo)));
            mol.addAtom(atom);
        }
        return mol;
    }

    private static Elements element(final String token, final long lineNo) {
        Elements e;
        if (Character.isDigit(token.charAt(0))) {
            try {
                e = Elements.ofNumber(Integer.parseInt(token));
            } catch (NumberFormatException ex) {
                e = Elements.Unknown;
            }
        } else {
            e = Elements.ofString(token);
        }
        if (e == Elements.Unknown || e.number() == 0) {
            throw new IllegalArgumentException("line " + lineNo + ": unknown element \"" + token + "\"");
        }
        return e;
    }

    private static double coordinate(final String token, final long lineNo) {
        try {
            double v = Double.parseDouble(token.replace("*^", "E"));
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("line " + lineNo + ": invalid coordinate \"" + token + "\"", e);
        }
    }
}
