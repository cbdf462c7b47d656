package dev.flowmatch.engine.chem;

import java.io.EOFException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.zip.ZipException;

/**
 * The lines of a text input with their 1-based numbers, so that readers can name a bad line. Lines end at
 * \n, \r\n or \r, as {@link java.io.BufferedReader#readLine()} reads them, but no line may exceed
 * {@link #MAX_LINE_CHARS}: a binary file, or one without line breaks (e.g. /dev/zero), ends reading with a
 * message instead of filling the memory. A UTF-8 byte-order mark before the first line is not part of it.
 * Read failures, damaged compressed data above all, become one sentence naming the source and the line.
 */
final class NumberedLines {

    /** Longest line accepted: far beyond any molecule record line (a 1,000-atom SMILES is ~5,000 characters). */
    static final int MAX_LINE_CHARS = 10_000_000;

    private final Reader m_in;

    private final String m_source;

    private final int m_maxChars;

    private final char[] m_buffer = new char[1 << 16];

    private int m_position;

    private int m_limit;

    private boolean m_end;

    private long m_number;

    /**
     * @param source names the input in messages (a file name)
     * @param maxChars the longest line accepted
     */
    NumberedLines(final Reader in, final String source, final int maxChars) {
        m_in = in;
        m_source = source;
        m_maxChars = maxChars;
    }

    /** @return the next line, or null at the end */
    String next() {
        StringBuilder line = null;
        while (true) {
            if (m_position == m_limit && !fill()) {
                return line == null ? null : finish(line); // the last line may lack its line break
            }
            if (line == null) {
                line = new StringBuilder();
            }
            int start = m_position;
            while (m_position < m_limit) {
                char c = m_buffer[m_position];
                if (c == '\n' || c == '\r') {
                    append(line, start, m_position);
                    m_position++;
                    if (c == '\r') { // \r\n is one line break; its \n may come with the next read
                        if (m_position < m_limit) {
                            m_position += m_buffer[m_position] == '\n' ? 1 : 0;
                        } else {
                            m_skipLineFeed = true;
                        }
                    }
                    return finish(line);
                }
                m_position++;
            }
            append(line, start, m_position);
        }
    }

    /** A \r ended the last line at the end of the buffer: a \n first in the next read belongs to it. */
    private boolean m_skipLineFeed;

    private void append(final StringBuilder line, final int from, final int to) {
        if (line.length() + (to - from) > m_maxChars) {
            throw new UncheckedIOException(new IOException(String.format(Locale.ROOT, "%s, line %,d: longer than"
                + " %,d characters, so not a molecule record; is it a binary or damaged file, or one without line"
                + " breaks? Reading stopped there.", m_source, m_number + 1, m_maxChars)));
        }
        line.append(m_buffer, from, to - from);
    }

    private String finish(final StringBuilder line) {
        m_number++;
        if (m_number == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
            line.deleteCharAt(0); // a byte-order mark, as spreadsheet programs write, is not part of the header
        }
        return line.toString();
    }

    /** @return whether characters are available (false at the end of the input) */
    private boolean fill() {
        while (!m_end) {
            int n;
            try {
                n = m_in.read(m_buffer, 0, m_buffer.length);
            } catch (IOException e) {
                throw new UncheckedIOException(new IOException(m_source + ", line " + String.format(Locale.ROOT,
                    "%,d", m_number + 1) + ": " + damage(e), e));
            }
            if (n < 0) {
                m_end = true;
                m_limit = 0;
                m_position = 0;
                return false;
            }
            m_position = 0;
            m_limit = n;
            if (m_skipLineFeed && n > 0) {
                m_skipLineFeed = false;
                if (m_buffer[0] == '\n') {
                    m_position = 1;
                }
            }
            if (m_position < m_limit) {
                return true;
            }
        }
        return false;
    }

    /** @return what a read failure means for the user, in one sentence */
    static String damage(final IOException e) {
        var name = e.getClass().getName();
        var detail = e.getMessage() == null ? "" : " (" + e.getMessage() + ")";
        if (e instanceof EOFException) {
            return "the file ends in the middle of its compressed data: it was cut short (an interrupted download or"
                + " copy?)" + detail + ".";
        }
        if (name.startsWith("org.tukaani.xz.")) {
            return "the xz-compressed data is damaged" + detail + ".";
        }
        if (e instanceof ZipException) {
            return "the gzip-compressed data is damaged" + detail + ".";
        }
        return "reading failed" + (detail.isEmpty() ? ": " + e.getClass().getSimpleName() : detail) + ".";
    }

    /** @return the next non-blank line, or null at the end */
    String nextNonBlank() {
        String l;
        do {
            l = next();
        } while (l != null && l.isBlank());
        return l;
    }

    /** @return the number of the line last returned */
    long number() {
        return m_number;
    }
}
