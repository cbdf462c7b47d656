package dev.flowmatch.engine.flow.coupling;

/** The couplings users choose from in settings. */
public enum CouplingKind {
    INDEPENDENT,
    MINIBATCH_OT,
    /** Per-molecule atom permutation and rotation of the noise. */
    ALIGNED,
    /** Minibatch OT, then per-molecule alignment. */
    MINIBATCH_OT_ALIGNED;

    public Coupling create() {
        return switch (this) {
            case INDEPENDENT -> new IndependentCoupling();
            case MINIBATCH_OT -> new MinibatchOtCoupling();
            case ALIGNED -> AtomAlignmentCoupling.defaults();
            case MINIBATCH_OT_ALIGNED -> new MinibatchOtCoupling().then(AtomAlignmentCoupling.defaults());
        };
    }
}
