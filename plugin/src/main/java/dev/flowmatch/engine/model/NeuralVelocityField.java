package dev.flowmatch.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.flowmatch.engine.flow.FieldTime;
import dev.flowmatch.engine.flow.HostArrays;
import dev.flowmatch.engine.flow.PerSample;
import dev.flowmatch.engine.flow.Scopes;
import dev.flowmatch.engine.flow.VectorField;
import dev.flowmatch.engine.flow.path.AffinePath;
import dev.flowmatch.engine.flow.path.Parametrization;

/**
 * A trained {@link VelocityTransformer} as a {@link VectorField} over states [B, N, 3+K] with a fixed atom
 * mask, so every ODE solver samples from it exactly as from the exact marginal field. Predictions in the
 * data parametrization (and cross-entropy type logits, read as typeScale·softmax, a data prediction) are
 * turned into velocities with the path's exact conversion, which is singular where σ_t = 0; the field says
 * so through {@link #isFiniteAt} and is evaluated just before that time if a solver insists.
 */
public final class NeuralVelocityField implements VectorField {

    private final VelocityTransformer m_model;

    private final ParameterStore m_parameters;

    private final AffinePath m_path;

    private final Parametrization m_parametrization;

    private final FlowLoss.TypeLoss m_typeLoss;

    private final double m_typeScale;

    private final NDArray m_mask;

    /** Discrete type flow: the type channels do not move under the ODE; the posteriors feed the jumps. */
    private final boolean m_discreteTypes;

    /** Discrete type flow: p_{1|t} over the types [B·N·K] of the first evaluation at each time since the last jump. */
    private final java.util.TreeMap<Double, float[]> m_posteriors = new java.util.TreeMap<>();

    /** Self-conditioning: the clean-state estimate of the latest evaluation [B·N·(3+K)], null before the first. */
    private float[] m_estimate;

    /** The molecules' condition [B, C + 1] ({@link ConditionInput}), or null: the unconditional field. */
    private NDArray m_condition;

    /** Classifier-free guidance scale w: v = v_c + w (v_c − v_u); 0 is the plain conditional field. */
    private double m_guidance;

    /**
     * Conditions the field on properties (Ho and Salimans 2022's classifier-free guidance): with w = 0 the network's
     * conditional field, with w &gt; 0 the conditional field pushed away from the unconditional one by w times
     * their difference (two network evaluations per call).
     *
     * @param condition [B, C + 1], kept by reference
     * @return this field
     */
    public NeuralVelocityField conditionedOn(final NDArray condition, final double guidance) {
        if (!(guidance >= 0 && Double.isFinite(guidance))) {
            throw new IllegalArgumentException("The guidance scale must be a finite number ≥ 0, got " + guidance + ".");
        }
        m_condition = condition;
        m_guidance = guidance;
        return this;
    }

    /**
     * @param mask [B, N] atom mask of the batch to sample; kept by reference
     */
    public NeuralVelocityField(final VelocityTransformer model, final AffinePath path,
        final Parametrization parametrization, final FlowLoss.TypeLoss typeLoss, final double typeScale,
        final NDArray mask) {
        this(model, path, parametrization, typeLoss, typeScale, mask, false);
    }

    /**
     * @param discreteTypes the model was trained with discrete type flow: the field moves coordinates only and
     *            keeps the type posteriors it predicts for {@link #posteriorAt} (the type jumps between steps)
     */
    public NeuralVelocityField(final VelocityTransformer model, final AffinePath path,
        final Parametrization parametrization, final FlowLoss.TypeLoss typeLoss, final double typeScale,
        final NDArray mask, final boolean discreteTypes) {
        if (discreteTypes && typeLoss != FlowLoss.TypeLoss.CROSS_ENTROPY) {
            throw new IllegalArgumentException("Discrete type flow needs type logits (the cross-entropy type loss).");
        }
        if (parametrization == Parametrization.NOISE) {
            throw new IllegalArgumentException(
                "A noise-predicting network cannot be integrated from t = 0, where α_t = 0 leaves the data undetermined;"
                    + " train with the velocity or data parametrization.");
        }
        m_model = model;
        m_parameters = new ParameterStore(mask.getManager(), false);
        m_path = path;
        m_parametrization = parametrization;
        m_typeLoss = typeLoss;
        m_typeScale = typeScale;
        m_mask = mask;
        m_discreteTypes = discreteTypes;
    }

    private boolean needsSigma() {
        return m_parametrization != Parametrization.VELOCITY
            || !m_discreteTypes && m_typeLoss == FlowLoss.TypeLoss.CROSS_ENTROPY;
    }

    @Override
    public boolean isFiniteAt(final double t) {
        return !needsSigma() || FieldTime.isFinite(m_path.scheduler(), t);
    }

    @Override
    public NDArray velocity(final NDArray x, final double t) {
        // conversions from a data prediction divide by σ_t: stay at or before T_MAX (also when an adaptive solver
        // lands a hair below 1, where σ_t is positive but the division loses all precision)
        double te = needsSigma() ? Math.min(t, FieldTime.T_MAX) : t;
        return Scopes.compute(x, m_mask, (xs, mask) -> {
            int b = (int)xs.getShape().get(0);
            var times = PerSample.constant(b, te);
            var tArray = PerSample.of(times, xs, new Shape(b));
            var inputs = new NDList(xs, tArray, mask);
            boolean selfConditioned = m_model.config().selfConditioning();
            if (selfConditioned && m_estimate != null) {
                inputs.add(xs.getManager().create(m_estimate, xs.getShape()).toType(xs.getDataType(), false));
            }
            var conditional = new NDList(inputs);
            if (m_condition != null) {
                conditional.add(m_condition);
            }
            var p = VelocityTransformer.unpack(m_model.forward(m_parameters, conditional, false));
            if (selfConditioned) {
                m_estimate = HostArrays.floats(CleanEstimate.of(p, m_path, m_parametrization,
                    m_typeLoss, m_typeScale, xs, times));
            }
            var v = velocityOf(p, xs, times, t);
            if (m_condition != null && m_guidance > 0) { // the same inputs without the condition: v_u
                var unconditional = new NDList(inputs);
                unconditional.add(ConditionInput.none(xs.getManager(), b, m_model.config().conditions()));
                var u = velocityOf(VelocityTransformer.unpack(m_model.forward(m_parameters, unconditional, false)), xs,
                    times, t);
                v = v.add(dev.flowmatch.engine.compute.Nn.scale(v.sub(u), m_guidance));
            }
            return v.mul(mask.expandDims(2));
        });
    }

    /** @return the velocity a prediction stands for (its parametrization converted; type logits as posteriors) */
    private NDArray velocityOf(final VelocityTransformer.Prediction p, final NDArray xs, final double[] times,
        final double t) {
        NDArray v;
        if (m_typeLoss == FlowLoss.TypeLoss.MSE) {
            var full = p.coords().concat(p.typeLogits(), 2);
            v = m_path.convert(full, m_parametrization, Parametrization.VELOCITY, xs, times);
        } else { // type logits: the posterior p_{1|t} over the clean types
            var coords = m_path.convert(p.coords(), m_parametrization, Parametrization.VELOCITY,
                StateLayout.coords(xs), times);
            var posterior = p.typeLogits().softmax(2);
            NDArray types;
            if (m_discreteTypes) { // the types stand still under the ODE; the posterior feeds the next jump
                m_posteriors.putIfAbsent(t, HostArrays.floats(posterior));
                types = posterior.zerosLike();
            } else { // typeScale·posterior is a data prediction of the type channels
                types = m_path.convert(posterior.mul(m_typeScale), Parametrization.DATA,
                    Parametrization.VELOCITY, StateLayout.types(xs), times);
            }
            v = coords.concat(types, 2);
        }
        return v;
    }

    /**
     * The type posterior of the first evaluation at time t (a fixed-step solver evaluates first at the start of
     * each step) and forgets every posterior kept so far: the next step's first evaluation, at the state after
     * this jump, provides the next one.
     *
     * @return p_{1|t} flattened [B·N·K]
     * @throws IllegalStateException when the field was not evaluated at t
     */
    public float[] posteriorAt(final double t) {
        var e = m_posteriors.floorEntry(t + 1e-9);
        if (e == null || e.getKey() < t - 1e-9) {
            throw new IllegalStateException("The type posterior at t=" + t + " was not evaluated (evaluated at "
                + m_posteriors.keySet() + ").");
        }
        var p = e.getValue();
        m_posteriors.clear();
        return p;
    }
}
