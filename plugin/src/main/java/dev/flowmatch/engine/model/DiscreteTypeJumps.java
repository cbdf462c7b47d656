package dev.flowmatch.engine.model;

import java.util.Random;

import ai.djl.ndarray.NDArray;
import dev.flowmatch.engine.flow.VectorField;
import dev.flowmatch.engine.flow.discrete.DiscretePath;
import dev.flowmatch.engine.flow.discrete.OneHot;
import dev.flowmatch.engine.flow.solver.StepCorrection;

/**
 * The atom-type half of sampling a model trained with discrete type flow: after each solver step from t to
 * t + h, every atom jumps to a type drawn from the network's posterior p_{1|t} with probability
 * h·κ̇_t/(1 − κ_t) (the Euler step of {@link DiscretePath}; at the last step, where κ reaches 1, every atom
 * draws). The posterior is the one the field predicted at the start of the step, so a jump costs no extra
 * network evaluation. The state's type channels hold the current types as a scaled one-hot.
 */
public final class DiscreteTypeJumps implements StepCorrection {

    private final DiscretePath m_path;

    private final NeuralVelocityField m_field;

    private final double m_typeScale;

    private final NDArray m_mask;

    private final Random m_rng;

    /** @param field the field the solver integrates (it keeps the posteriors of its evaluations) */
    public DiscreteTypeJumps(final DiscretePath path, final NeuralVelocityField field, final double typeScale,
        final NDArray mask, final Random rng) {
        m_path = path;
        m_field = field;
        m_typeScale = typeScale;
        m_mask = mask;
        m_rng = rng;
    }

    @Override
    public boolean appliesAt(final double t) {
        return true;
    }

    @Override
    public NDArray apply(final VectorField field, final NDArray x, final double t, final double h) {
        var s = x.getShape();
        var posterior = x.getManager().create(m_field.posteriorAt(t - h), new ai.djl.ndarray.types.Shape(s.get(0),
            s.get(1), m_path.classes()));
        var current = OneHot.decode(StateLayout.types(x));
        var next = m_path.step(current, posterior, m_mask, t - h, h, m_rng);
        var hot = OneHot.encode(next, m_mask, m_path.classes(), m_typeScale).toType(x.getDataType(), false);
        return StateLayout.coords(x).concat(hot, 2);
    }

    @Override
    public int evaluations() {
        return 0;
    }

    @Override
    public String describe() {
        return "discrete atom-type sampling";
    }
}
