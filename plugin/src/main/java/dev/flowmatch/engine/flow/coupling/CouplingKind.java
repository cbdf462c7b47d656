package dev.flowmatch.engine.flow.coupling;

/** The couplings users choose from in settings. */
public enum CouplingKind {
    INDEPENDENT("Independent"),
    MINIBATCH_OT("Minibatch OT"),
    /** Per-molecule atom permutation and rotation of the noise. */
    ALIGNED("Aligned (atom assignment + rotation)"),
    /** Minibatch OT, then per-molecule alignment. */
    MINIBATCH_OT_ALIGNED("Minibatch OT, then aligned");

    private final String m_label;

    CouplingKind(final String label) {
        m_label = label;
    }

    /** @return the name users see (dialogs, messages) */
    public String label() {
        return m_label;
    }

    public Coupling create() {
        return switch (this) {
            case INDEPENDENT -> new IndependentCoupling();
            case MINIBATCH_OT -> new MinibatchOtCoupling();
            case ALIGNED -> AtomAlignmentCoupling.defaults();
            case MINIBATCH_OT_ALIGNED -> new MinibatchOtCoupling().then(AtomAlignmentCoupling.defaults());
        };
    }
}
