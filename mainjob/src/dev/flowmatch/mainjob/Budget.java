package dev.flowmatch.mainjob;

import java.lang.management.ManagementFactory;

/**
 * The run's wall-clock budget, counted from the start of {@code mainjob/run} (FLOWMATCH_START_MS, in
 * milliseconds since the epoch), or of the JVM when started otherwise: loading models and reading input count
 * too. Training checks it before every step and sampling before every chunk; an unlimited budget never
 * runs out ({@code --steps} without {@code --minutes}).
 */
final class Budget {

    private final long m_startMillis;

    private final double m_seconds;

    private Budget(final long startMillis, final double seconds) {
        m_startMillis = startMillis;
        m_seconds = seconds;
    }

    /** @param minutes the budget, or infinity for none */
    static Budget ofMinutes(final double minutes) {
        long start = ManagementFactory.getRuntimeMXBean().getStartTime();
        try {
            var env = System.getenv("FLOWMATCH_START_MS");
            long script = env == null ? Long.MAX_VALUE : Long.parseLong(env.trim());
            return new Budget(Math.min(start, script), minutes * 60);
        } catch (NumberFormatException e) {
            return new Budget(start, minutes * 60); // not set by our script: the JVM's start
        }
    }

    boolean limited() {
        return Double.isFinite(m_seconds);
    }

    double seconds() {
        return m_seconds;
    }

    /** @return seconds since the run started (mainjob/run, else the JVM) */
    double elapsed() {
        return (System.currentTimeMillis() - m_startMillis) / 1000.0;
    }

    /** @return seconds left (infinite when unlimited; negative when overrun) */
    double remaining() {
        return m_seconds - elapsed();
    }

    /** @return the budget in minutes as written, e.g. "3" or "1.5" */
    String minutes() {
        double minutes = m_seconds / 60;
        return minutes == Math.rint(minutes) ? String.valueOf((long)minutes) : String.valueOf(minutes);
    }

    /** @return e.g. "3-minute" or "1.5-minute" */
    String describe() {
        return minutes() + "-minute";
    }
}
