package dev.flowmatch.engine.train;

/** Running means of step metrics over one epoch (REPA means over the steps that had REPA values). */
final class EpochAccumulator {

    private int m_count;

    private int m_repaCount;

    private double m_loss;

    private double m_coords;

    private double m_types;

    private double m_repa;

    private double m_cosine;

    private double m_seconds;

    private double m_validation = Double.NaN;

    void add(final StepMetrics m) {
        m_count++;
        m_loss += m.loss();
        m_coords += m.coordLoss();
        m_types += m.typeLoss();
        m_seconds += m.seconds();
        if (!Double.isNaN(m.repaLoss())) {
            m_repaCount++;
            m_repa += m.repaLoss();
            m_cosine += m.cosine();
        }
    }

    void validation(final double loss) {
        m_validation = loss;
    }

    /** @return the epoch's row, and resets for the next epoch */
    EpochMetrics finish(final int epoch, final int step, final double lr) {
        int n = Math.max(1, m_count);
        var e = new EpochMetrics(epoch, step, m_loss / n, m_coords / n, m_types / n,
            m_repaCount > 0 ? m_repa / m_repaCount : Double.NaN, m_repaCount > 0 ? m_cosine / m_repaCount : Double.NaN,
            m_validation, lr, m_seconds);
        m_count = 0;
        m_repaCount = 0;
        m_loss = 0;
        m_coords = 0;
        m_types = 0;
        m_repa = 0;
        m_cosine = 0;
        m_seconds = 0;
        m_validation = Double.NaN;
        return e;
    }
}
