package dev.flowmatch.nodes.common;

import java.util.ArrayList;
import java.util.List;

import org.knime.core.data.RowKey;

/** Rows a node could not use, with the reason each; summarised in the node's warning. */
public final class RowProblems {

    private static final int SHOWN = 3;

    private final List<String> m_problems = new ArrayList<>();

    public void add(final RowKey row, final String reason) {
        // reasons from parsers may end with "." or with ":" before a line that pointed at a character; the
        // warning adds its own punctuation
        var r = reason == null ? "no reason given" : reason.strip().replaceAll("[\\s.:;,]+$", "");
        m_problems.add("row \"" + row + "\": " + r);
    }

    /** @return an exception's message for inside a reason: its first line, without closing punctuation */
    public static String detail(final Throwable e) {
        var m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).replaceAll("[\\s.:;,]+$", "");
    }

    /** @return the non-null warnings joined into one message, or null when there is none */
    public static String join(final String... warnings) {
        var present = java.util.Arrays.stream(warnings).filter(java.util.Objects::nonNull).toList();
        return present.isEmpty() ? null : String.join(" ", present);
    }

    public int count() {
        return m_problems.size();
    }

    public List<String> all() {
        return List.copyOf(m_problems);
    }

    /** @return null when there was no problem, else "k of n rows …: first reasons" */
    public String warning(final long rows, final String consequence) {
        if (m_problems.isEmpty()) {
            return null;
        }
        var shown = String.join("; ", m_problems.subList(0, Math.min(SHOWN, m_problems.size())));
        return m_problems.size() + " of " + rows + " rows " + consequence + ": " + shown
            + (m_problems.size() > SHOWN ? "; …" : "") + ".";
    }
}
