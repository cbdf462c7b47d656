package dev.flowmatch.mainjob;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Input records the run could not use, each with its source (file, record number, line), title and reason:
 * the console shows the first ten and a count, {@code skipped.csv} beside the outputs lists all.
 */
final class SkippedRecords {

    /** @param record 1-based record number in the source; @param line 1-based line, 0 when unknown */
    record Skipped(String source, long record, long line, String title, String reason) {
    }

    static final int SHOWN = 10;

    private final List<Skipped> m_all = new ArrayList<>();

    private final String m_verb;

    private final String m_file;

    /** Records skipped, listed in skipped.csv. */
    SkippedRecords() {
        this("skipped", "skipped.csv");
    }

    /**
     * @param verb what happened to a record, as the console says it ("skipped", "stripped")
     * @param file the CSV that lists them all
     */
    SkippedRecords(final String verb, final String file) {
        m_verb = verb;
        m_file = file;
    }

    void add(final String source, final long record, final long line, final String title, final String reason) {
        // CDK's SMILES messages end with ":" before a second line that points at the character: keep the first
        m_all.add(new Skipped(source, record, line, shown(title == null ? "" : title), shown(reason == null
            ? "no reason given" : reason.strip().replaceAll(":$", ""))));
    }

    /** Longest title or reason kept (a broken record can be megabytes long). */
    static final int MAX_TEXT = 300;

    /**
     * @return text from a user's file made safe for a terminal and a spreadsheet: control characters (which a
     *         terminal would execute as escape sequences) written as \xNN, and cut after {@link #MAX_TEXT}
     *         characters with the length said
     */
    static String shown(final String text) {
        var cut = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
        var out = new StringBuilder(cut.length() + 16);
        cut.codePoints().forEach(c -> {
            if (Character.getType(c) == Character.CONTROL) {
                out.append(String.format(java.util.Locale.ROOT, "\\x%02x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        if (cut.length() < text.length()) {
            out.append(String.format(java.util.Locale.ROOT, "… (%,d characters in all)", text.length()));
        }
        return out.toString();
    }

    int count() {
        return m_all.size();
    }

    List<Skipped> all() {
        return m_all;
    }

    /** Prints the first ten and how many more there are. */
    void print(final PrintStream out) {
        for (int i = 0; i < Math.min(SHOWN, m_all.size()); i++) {
            var s = m_all.get(i);
            out.println("  " + m_verb + " " + s.source() + " record " + s.record() + (s.line() > 0 ? " (line " + s.line() + ")"
                : "") + (s.title().isEmpty() ? "" : " \"" + s.title() + "\"") + ": " + s.reason());
        }
        if (m_all.size() > SHOWN) {
            out.println("  ... and " + (m_all.size() - SHOWN) + " more (all listed in " + m_file + ")");
        }
    }

    /** Writes skipped.csv ({@link CsvCells}: quoted and neutralised), or nothing when no record was skipped. */
    void write(final Path file) throws IOException {
        if (m_all.isEmpty()) {
            return;
        }
        var lines = new ArrayList<String>();
        lines.add("source,record,line,title,reason");
        for (var s : m_all) {
            lines.add(CsvCells.text(s.source()) + "," + s.record() + "," + (s.line() > 0 ? s.line() : "") + ","
                + CsvCells.text(s.title()) + "," + CsvCells.text(s.reason()));
        }
        Files.write(file, lines);
    }
}
