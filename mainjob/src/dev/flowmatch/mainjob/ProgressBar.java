package dev.flowmatch.mainjob;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line console progress bar: "[#####.....]  45%  step 120/300  loss 1.234  ETA 1:20". */
final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintStream m_out;

    private final long m_start = System.nanoTime();

    private long m_lastPrint;

    ProgressBar(final PrintStream out) {
        m_out = out;
    }

    /** On a terminal the bar is redrawn in place; into a file or pipe, one line per tenth of the work. */
    private final boolean m_terminal = System.console() != null;

    private long m_lastTenth = -1;

    /** Redraws at most ten times a second (or each tenth, off a terminal), and always at the end. */
    void update(final int done, final int total, final String detail) {
        long now = System.nanoTime();
        long tenth = total == 0 ? 10 : 10L * done / total;
        if (done < total && (m_terminal ? now - m_lastPrint < 100_000_000L : tenth == m_lastTenth)) {
            return;
        }
        m_lastTenth = tenth;
        m_lastPrint = now;
        double f = total == 0 ? 1 : (double)done / total;
        int filled = (int)Math.round(f * WIDTH);
        double elapsed = (now - m_start) / 1e9;
        long eta = done == 0 ? 0 : Math.round(elapsed / done * (total - done));
        m_out.printf(Locale.ROOT, "%s[%s%s] %3d%%  %s  ETA %d:%02d ", m_terminal ? "\r" : "", "#".repeat(filled),
            ".".repeat(WIDTH - filled), Math.round(100 * f), detail, eta / 60, eta % 60);
        if (done >= total || !m_terminal) {
            m_out.println();
        }
        m_out.flush();
    }
}
