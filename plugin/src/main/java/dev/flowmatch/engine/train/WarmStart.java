package dev.flowmatch.engine.train;

import java.util.HashMap;
import java.util.Locale;

import ai.djl.ndarray.NDArray;

/**
 * Fine-tuning: a fresh {@link Trainer} takes its starting weights from a trained model instead of random ones. The
 * network must be the model's (same architecture), except that it may add property conditions to an unconditional
 * model: the condition map then starts at zero, so before the first step the new network computes exactly what the
 * model computes, for every condition, and training only has to learn what the properties add (a new condition
 * head from scratch would first have to relearn the molecules). The optimizer's moments start afresh (the schedule's
 * warm-up applies) and the moving average starts at the copied weights.
 */
public final class WarmStart {

    /** Name fragment of the only parameters a base model may lack: the property-condition map. */
    private static final String CONDITION_MAP = "conditionIn";

    /**
     * Copies the model's trained weights into the trainer's network (and its moving average).
     *
     * @throws IllegalStateException when the trainer has taken a step
     * @throws IllegalArgumentException naming what differs when the model's network or representation is not the
     *             trainer's: atom vocabulary, hydrogens, coordinate scale, architecture (conditions aside), path
     *             (scheduler and prediction target), atom-type flow and loss, or a conditioned base model whose
     *             conditions are not the trainer's
     */
    public static void from(final FlowModel base, final Trainer trainer) {
        if (trainer.step() > 0) {
            throw new IllegalStateException("Fine-tuning starts before the first step; this trainer has taken "
                + trainer.step() + ".");
        }
        var have = base.representation();
        var want = trainer.m_representation;
        require(have.vocabulary().equals(want.vocabulary()), "its atom vocabulary is " + have.vocabulary()
            + ", the training data's " + want.vocabulary());
        require(have.explicitHydrogens() == want.explicitHydrogens(), "it was trained "
            + (have.explicitHydrogens() ? "with" : "without") + " explicit hydrogens, this training "
            + (want.explicitHydrogens() ? "has them" : "has none"));
        require(Math.abs(have.coordScale() - want.coordScale()) <= 1e-9 * want.coordScale(), String.format(
            Locale.ROOT, "its coordinate scale is %.6f Å per unit, this training's %.6f", have.coordScale(),
            want.coordScale()));
        var arch = base.architecture();
        require(arch.withConditions(0).equals(trainer.m_architecture.withConditions(0)), "its network is "
            + arch.withConditions(0) + ", this training's " + trainer.m_architecture.withConditions(0));
        // what the network's outputs mean: the same weights under another path or target would be another field
        var a = base.training();
        var b = trainer.m_config;
        require(a.path().scheduler() == b.path().scheduler() && a.path().schedulerParameter() == b.path()
            .schedulerParameter() && a.path().parametrization() == b.path().parametrization(), "it was trained on the"
                + " path " + a.path().describe() + ", this training's is " + b.path().describe());
        require(a.typeFlow() == b.typeFlow() && a.typeLoss() == b.typeLoss(), "its atom types follow the " + a.typeFlow()
            + " flow with " + a.typeLoss() + ", this training's the " + b.typeFlow() + " flow with " + b.typeLoss());
        if (arch.conditions() > 0) {
            require(trainer.m_conditions != null && base.conditions().names().equals(trainer.m_conditions.names()),
                "it is conditioned on " + base.conditions().names() + ", this training on "
                    + (trainer.m_conditions == null ? "nothing" : trainer.m_conditions.names()));
        }
        var weights = new HashMap<String, NDArray>();
        for (var p : base.network().getParameters()) {
            if (p.getValue().requiresGradient()) {
                weights.put(p.getKey(), p.getValue().getArray());
            }
        }
        for (var p : trainer.model().getParameters()) {
            if (!p.getValue().requiresGradient()) {
                continue;
            }
            var to = p.getValue().getArray();
            var from = weights.remove(p.getKey());
            if (from == null) {
                // the network equals the model's apart from the condition map (checked above): only it is new
                require(p.getKey().contains(CONDITION_MAP), "it has no parameter " + p.getKey());
                to.set(java.nio.FloatBuffer.wrap(new float[Math.toIntExact(to.size())]));
            } else {
                require(from.getShape().equals(to.getShape()), "its parameter " + p.getKey() + " is "
                    + from.getShape() + ", this network's " + to.getShape());
                AdamW.copyInto(from, to);
            }
        }
        require(weights.isEmpty(), "this network lacks its parameters " + weights.keySet());
        trainer.m_ema.reset();
        trainer.m_startedFrom = base.summary().lineage();
    }

    private static void require(final boolean ok, final String what) {
        if (!ok) {
            throw new IllegalArgumentException("Cannot fine-tune from this model: " + what + ".");
        }
    }

    private WarmStart() {
    }
}
