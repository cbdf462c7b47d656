package dev.flowmatch.engine.chem;

import java.io.BufferedReader;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;

import org.openscience.cdk.exception.InvalidSmilesException;
import org.openscience.cdk.silent.SilentChemObjectBuilder;
import org.openscience.cdk.smiles.SmilesParser;

/**
 * SMILES records, one per line: either a .smi file ("SMILES [title]") or a CSV file whose header has a
 * column named "smiles" (any case), as the QM9 and MOSES files do. Blank lines are skipped but counted.
 */
final class SmilesRecords implements Iterator<ReadResult> {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /**
     * Longest SMILES parsed: about 20 characters per atom (bracket atoms with charge and isotope, ring closures,
     * branches) for the 1,024 atoms a model may have at most (Representation.MAX_ATOMS).
     */
    static final int MAX_SMILES = 20 * 1024;

    private final NumberedLines m_in;

    private final SmilesParser m_parser = new SmilesParser(SilentChemObjectBuilder.getInstance());

    private int m_column = -1; // CSV column of the SMILES, -1 for .smi

    private String m_next;

    private long m_index;

    SmilesRecords(final BufferedReader in, final String source) {
        m_in = new NumberedLines(in, source, NumberedLines.MAX_LINE_CHARS);
        var first = m_in.next();
        if (first != null) {
            var header = first.split(",", -1);
            for (int i = 0; i < header.length; i++) {
                if (header[i].trim().replace("\"", "").equalsIgnoreCase("smiles")) {
                    m_column = i;
                }
            }
            m_next = m_column >= 0 ? m_in.next() : first;
        }
        skipBlank();
    }

    private void skipBlank() {
        while (m_next != null && m_next.isBlank()) {
            m_next = m_in.next();
        }
    }

    @Override
    public boolean hasNext() {
        return m_next != null;
    }

    @Override
    public ReadResult next() {
        if (m_next == null) {
            throw new NoSuchElementException();
        }
        var line = m_next;
        long line0 = m_in.number();
        m_next = m_in.next();
        skipBlank();
        long index = m_index++;
        String smiles;
        String title;
        if (m_column >= 0) {
            var fields = line.split(",", -1);
            if (m_column >= fields.length) {
                return ReadResult.failed(index, line0, "", "line " + line0 + " has no column " + (m_column + 1));
            }
            smiles = fields[m_column].trim().replace("\"", "");
            title = "";
        } else {
            var parts = WHITESPACE.split(line.trim(), 2);
            smiles = parts[0];
            title = parts.length > 1 ? parts[1] : "";
        }
        if (smiles.isEmpty()) {
            return ReadResult.failed(index, line0, title, "line " + line0 + ": empty SMILES");
        }
        if (smiles.length() > MAX_SMILES) { // refused before parsing: deep nesting kept CDK's parser busy for minutes
            return ReadResult.failed(index, line0, title, String.format(java.util.Locale.ROOT, "line %d: a SMILES of"
                + " %,d characters, longer than any molecule of at most 1,024 atoms (this tool's limit) is written",
                line0, smiles.length()));
        }
        try {
            var mol = m_parser.parseSmiles(smiles);
            mol.setTitle(title);
            return ReadResult.ok(index, line0, title, mol);
        } catch (InvalidSmilesException e) {
            return ReadResult.failed(index, line0, title, "line " + line0 + ": invalid SMILES \"" + smiles + "\": "
                + firstLine(e.getMessage()));
        }
    }

    static String firstLine(final String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
