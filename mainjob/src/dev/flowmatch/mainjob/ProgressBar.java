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

    /** Redraws at most ten times a second, and always at the end. */
    void update(final int done, final int total, final String detail) {
        long now = System.nanoTime();
        if (done < total && now - m_lastPrint < 100_000_000L) {
            return;
        }
        m_lastPrint = now;
        double f = total == 0 ? 1 : (double)done / total;
        int filled = (int)Math.round(f * WIDTH);
        double elapsed = (now - m_start) / 1e9;
        long eta = done == 0 ? 0 : Math.round(elapsed / done * (total - done));
        m_out.printf(Locale.ROOT, "\r[%s%s] %3d%%  %s  ETA %d:%02d ", "#".repeat(filled), ".".repeat(WIDTH - filled),
            Math.round(100 * f), detail, eta / 60, eta % 60);
        if (done >= total) {
            m_out.println();
        }
        m_out.flush();
    }
}
