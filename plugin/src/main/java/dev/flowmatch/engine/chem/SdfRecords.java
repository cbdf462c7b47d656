package dev.flowmatch.engine.chem;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.io.MDLV2000Reader;
import org.openscience.cdk.io.MDLV3000Reader;
import org.openscience.cdk.silent.SilentChemObjectBuilder;

/**
 * SD file records (or a single Mol block), V2000 and V3000. Records are split at "$$$$" and parsed one at a
 * time, so a broken record is reported with its index and the next one is still read. Data items
 * ("&gt; &lt;name&gt;") become molecule properties.
 */
final class SdfRecords implements Iterator<ReadResult> {

    private final NumberedLines m_in;

    private long m_index;

    private String m_pending; // the next record's text, null at the end

    SdfRecords(final BufferedReader in) {
        m_in = new NumberedLines(in);
        m_pending = readRecord();
    }

    private String readRecord() {
        var sb = new StringBuilder();
        String l;
        boolean any = false;
        while ((l = m_in.next()) != null) {
            if (l.startsWith("$$$$")) {
                return sb.toString();
            }
            any |= !l.isBlank();
            sb.append(l).append('\n');
        }
        return any ? sb.toString() : null;
    }

    @Override
    public boolean hasNext() {
        return m_pending != null;
    }

    @Override
    public ReadResult next() {
        if (m_pending == null) {
            throw new NoSuchElementException();
        }
        var text = m_pending;
        long endLine = m_in.number();
        m_pending = readRecord();
        long index = m_index++;
        var title = text.lines().findFirst().orElse("").trim();
        try {
            var mol = parse(text);
            if (mol.getAtomCount() == 0) {
                return ReadResult.failed(index, title, "record ending at line " + endLine + " has no atoms");
            }
            mol.setTitle(title);
            readDataItems(text).forEach(mol::setProperty);
            return ReadResult.ok(index, title, mol);
        } catch (CDKException | RuntimeException e) {
            return ReadResult.failed(index, title, "record ending at line " + endLine + ": "
                + SmilesRecords.firstLine(e.getMessage()));
        }
    }

    private static IAtomContainer parse(final String text) throws CDKException {
        var lines = text.lines().limit(4).toList();
        boolean v3000 = lines.size() == 4 && lines.get(3).contains("V3000");
        var builder = SilentChemObjectBuilder.getInstance();
        try (var r = v3000 ? new MDLV3000Reader(new StringReader(text)) : new MDLV2000Reader(new StringReader(text))) {
            return r.read(builder.newAtomContainer());
        } catch (IOException e) {
            throw new CDKException(e.getMessage(), e);
        }
    }

    /** The SD data items after "M  END": "&gt; &lt;name&gt;" then value lines up to a blank line. */
    static Map<String, String> readDataItems(final String text) {
        var items = new LinkedHashMap<String, String>();
        int end = text.indexOf("M  END");
        if (end < 0) {
            return items;
        }
        String name = null;
        var value = new StringBuilder();
        for (var line : text.substring(end + 6).split("\n", -1)) {
            if (line.startsWith(">")) {
                int a = line.indexOf('<');
                int b = line.indexOf('>', a + 1);
                name = a >= 0 && b > a ? line.substring(a + 1, b) : null;
                value.setLength(0);
            } else if (name != null && line.isBlank()) {
                items.put(name, value.toString());
                name = null;
            } else if (name != null) {
                value.append(value.length() == 0 ? "" : "\n").append(line);
            }
        }
        if (name != null) {
            items.put(name, value.toString());
        }
        return items;
    }
}
