package org.knime.core.node;

import java.util.function.BooleanSupplier;

/**
 * Progress and cancellation for one unit of work. A sub-monitor maps its progress [0, 1] into a slice of
 * its parent's range, so nested work reports overall progress.
 */
public class ExecutionMonitor {

    /** Receives absolute progress in [0, 1] (NaN when only the message changed) and the message. */
    interface ProgressSink {
        void progress(double fraction, String message);
    }

    private final ProgressSink m_sink;

    private final BooleanSupplier m_canceled;

    private final double m_offset;

    private final double m_scale;

    private final boolean m_silent;

    private double m_local;

    ExecutionMonitor(final ProgressSink sink, final BooleanSupplier canceled, final double offset,
        final double scale, final boolean silent) {
        m_sink = sink;
        m_canceled = canceled;
        m_offset = offset;
        m_scale = scale;
        m_silent = silent;
    }

    /** A monitor that ignores progress and is never cancelled. */
    public ExecutionMonitor() {
        this((f, m) -> {
        }, () -> false, 0, 1, true);
    }

    /** @throws CanceledExecutionException if the user cancelled */
    public void checkCanceled() throws CanceledExecutionException {
        if (m_canceled.getAsBoolean()) {
            throw new CanceledExecutionException();
        }
    }

    public void setProgress(final double progress) {
        setProgress(progress, null);
    }

    public void setProgress(final double progress, final String message) {
        if (progress < 0 || progress > 1 || Double.isNaN(progress)) {
            throw new IllegalArgumentException("Progress must be in [0, 1]: " + progress);
        }
        m_local = progress;
        if (!m_silent) {
            m_sink.progress(m_offset + m_scale * progress, message);
        }
    }

    public void setProgress(final String message) {
        setMessage(message);
    }

    public void setMessage(final String message) {
        if (!m_silent) {
            m_sink.progress(Double.NaN, message);
        }
    }

    /** @return a monitor for the next {@code fraction} of this monitor's remaining range */
    public ExecutionMonitor createSubProgress(final double fraction) {
        return new ExecutionMonitor(m_sink, m_canceled, subOffset(), m_scale * fraction, m_silent);
    }

    /** @return a sub-monitor that reports nothing but still sees cancellation */
    public ExecutionMonitor createSilentSubProgress(final double fraction) {
        return new ExecutionMonitor(m_sink, m_canceled, subOffset(), m_scale * fraction, true);
    }

    double subOffset() {
        return m_offset + m_scale * m_local;
    }

    ProgressSink sink() {
        return m_sink;
    }

    BooleanSupplier canceled() {
        return m_canceled;
    }

    double scale() {
        return m_scale;
    }

    boolean silent() {
        return m_silent;
    }
}
