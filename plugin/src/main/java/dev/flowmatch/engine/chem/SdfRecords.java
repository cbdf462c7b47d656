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

    private long m_pendingLine; // the line on which it starts

    private final String m_source;

    SdfRecords(final BufferedReader in, final String source) {
        m_in = new NumberedLines(in, source, NumberedLines.MAX_LINE_CHARS);
        m_source = source;
        m_pending = readRecord();
    }

    private String readRecord() {
        m_pendingLine = m_in.number() + 1;
        var sb = new StringBuilder();
        String l;
        boolean any = false;
        while ((l = m_in.next()) != null) {
            if (l.startsWith("$$$$")) {
                return sb.toString();
            }
            any |= !l.isBlank();
            sb.append(l).append('\n');
            if (sb.length() > NumberedLines.MAX_LINE_CHARS) { // random bytes hold no $$$$ to end a record
                throw new java.io.UncheckedIOException(new java.io.IOException(String.format(java.util.Locale.ROOT,
                    "%s: the record starting at line %,d is longer than %,d characters without its $$$$ end line,"
                        + " so not an SD record; is it a binary or damaged file? Reading stopped there.", m_source,
                    m_pendingLine, NumberedLines.MAX_LINE_CHARS)));
            }
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
        long line = m_pendingLine;
        m_pending = readRecord();
        long index = m_index++;
        var title = text.lines().findFirst().orElse("").trim();
        try {
            var mol = parse(text, line);
            mol.setTitle(title);
            readDataItems(text).forEach(mol::setProperty);
            return ReadResult.ok(index, line, title, mol);
        } catch (CDKException | RuntimeException e) {
            return ReadResult.failed(index, line, title, "record starting at line " + line + ": "
                + SmilesRecords.firstLine(e.getMessage()));
        }
    }

    /**
     * Parses one record. CDK's readers report what they could not read to an error handler (by default its
     * logger, which prints to the console) and carry on with a damaged molecule; here the first problem fails
     * the record, with its line in the file rather than in the record.
     */
    private static IAtomContainer parse(final String text, final long firstLine) throws CDKException {
        var lines = text.lines().limit(4).toList();
        boolean v3000 = lines.size() == 4 && lines.get(3).contains("V3000");
        var builder = SilentChemObjectBuilder.getInstance();
        var problems = new RecordProblems(firstLine);
        try (var r = v3000 ? new MDLV3000Reader(new StringReader(text)) : new MDLV2000Reader(new StringReader(text))) {
            r.setErrorHandler(problems);
            IAtomContainer mol;
            try {
                mol = r.read(builder.newAtomContainer());
            } catch (CDKException | RuntimeException e) {
                throw new CDKException(problems.first != null ? problems.first : inFile(e.getMessage(), firstLine), e);
            }
            if (problems.first != null) {
                throw new CDKException(problems.first);
            }
            return mol;
        } catch (IOException e) {
            throw new CDKException(e.getMessage(), e);
        }
    }

    /** @return CDK's message with its line numbers (counted within the record) turned into lines of the file */
    private static String inFile(final String message, final long firstLine) {
        if (message == null) {
            return "unreadable record";
        }
        var m = java.util.regex.Pattern.compile("\\bline (\\d+)").matcher(message);
        var sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, "line " + (firstLine + Long.parseLong(m.group(1)) - 1));
        }
        return m.appendTail(sb).toString();
    }

    /** Keeps the first problem CDK's reader reports, placed in the file. */
    private static final class RecordProblems implements org.openscience.cdk.io.IChemObjectReaderErrorHandler {

        private final long m_firstLine;

        String first;

        RecordProblems(final long firstLine) {
            m_firstLine = firstLine;
        }

        @Override
        public void handleError(final String message) {
            keep(message);
        }

        @Override
        public void handleError(final String message, final Exception exception) {
            keep(message);
        }

        @Override
        public void handleError(final String message, final int row, final int colStart, final int colEnd) {
            // CDK counts rows from 1 within the record and ends its message with ", row R column A-B"
            keep("line " + (m_firstLine + row - 1) + ", columns " + colStart + "-" + colEnd + ": "
                + message.replaceFirst(",? *row \\d+ column \\d+-\\d+$", ""));
        }

        @Override
        public void handleError(final String message, final int row, final int colStart, final int colEnd,
            final Exception exception) {
            handleError(message, row, colStart, colEnd);
        }

        @Override
        public void handleFatalError(final String message) {
            keep(message);
        }

        @Override
        public void handleFatalError(final String message, final Exception exception) {
            keep(message);
        }

        @Override
        public void handleFatalError(final String message, final int row, final int colStart, final int colEnd) {
            handleError(message, row, colStart, colEnd);
        }

        @Override
        public void handleFatalError(final String message, final int row, final int colStart, final int colEnd,
            final Exception exception) {
            handleError(message, row, colStart, colEnd);
        }

        private void keep(final String message) {
            if (first == null) {
                first = message;
            }
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
