package dev.flowmatch.engine.chem;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The lines of a text input with their 1-based numbers, so that readers can name a bad line. */
final class NumberedLines {

    private final BufferedReader m_in;

    private long m_number;

    NumberedLines(final BufferedReader in) {
        m_in = in;
    }

    /** @return the next line, or null at the end */
    String next() {
        try {
            var l = m_in.readLine();
            if (l != null) {
                m_number++;
            }
            return l;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
