package dev.flowmatch.nodes.learner;

import java.util.Locale;

import org.knime.core.node.ExecutionMonitor;

import dev.flowmatch.engine.train.StepMetrics;
import dev.flowmatch.engine.train.TrainingListener;

/** Shows training in KNIME's progress bar (epoch, step, loss, ETA) and passes the cancel button to the trainer. */
final class ProgressListener implements TrainingListener {

    private final ExecutionMonitor m_exec;

    private final java.util.function.BooleanSupplier m_cancelled;

    private final int m_steps;

    private final int m_stepsPerEpoch;

    private final long m_start = System.nanoTime();

    private double m_smoothedLoss = Double.NaN;

    ProgressListener(final ExecutionMonitor exec, final int steps, final int stepsPerEpoch) {
        m_exec = exec;
        m_cancelled = dev.flowmatch.nodes.common.Checks.cancelled(exec);
        m_steps = steps;
        m_stepsPerEpoch = Math.max(1, stepsPerEpoch);
    }

    @Override
    public void onStep(final StepMetrics m, final int totalSteps) {
        int done = m.step(); // 1-based: steps done
        m_smoothedLoss = Double.isNaN(m_smoothedLoss) ? m.loss() : 0.9 * m_smoothedLoss + 0.1 * m.loss();
        double elapsed = (System.nanoTime() - m_start) / 1e9;
        double eta = elapsed / done * (m_steps - done);
        m_exec.setProgress(Math.min(1, (double)done / m_steps), String.format(Locale.ROOT,
            "Epoch %d of %d, step %d of %d, loss %.4f, ETA %s", m.epoch(), (m_steps + m_stepsPerEpoch - 1)
                / m_stepsPerEpoch, done, m_steps, m_smoothedLoss, LearnerNodeModel.eta(eta)));
    }

    @Override
    public boolean isCancelled() {
        return m_cancelled.getAsBoolean();
    }
}
