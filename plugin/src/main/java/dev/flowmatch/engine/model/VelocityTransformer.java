package dev.flowmatch.engine.model;

import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import dev.flowmatch.engine.compute.Nn;
import dev.flowmatch.engine.compute.SeededInitializer;

/**
 * The velocity network over atoms (non-equivariant, as TABASCO): one token per atom from a linear map of
 * its noisy state (3 coordinates + K type channels: the linear map of a one-hot is an embedding), plus
 * optional sinusoidal encodings of the atom index; time through sinusoidal features and an MLP (SiLU),
 * either added to the tokens or as adaLN; {@code depth} pre-LN blocks with a padding mask; a final norm and
 * two heads, coordinates [B, N, 3] and type logits [B, N, K]. With {@link ModelConfig#geometry()} the network
 * also sees interatomic distances ({@link PairFeatures}: attention biases and token features) and can form
 * coordinates from relative vectors ({@link RelativeCoordinateHead}); with {@link Geometry#NONE} it is exactly
 * the network of earlier model files.
 *
 * <p>Inputs (NDList): state x_t [B, N, 3+K], times t [B] (float), mask [B, N] (1 = real atom), and with
 * {@link ModelConfig#selfConditioning()} optionally the previous estimate of the clean state [B, N, 3+K]
 * (absent: zeros, "no estimate yet"). Outputs
 * (NDList): coordinates, type logits, then the hidden states after block 1..depth (for REPA).
 */
public final class VelocityTransformer extends AbstractBlock {

    private static final byte VERSION = 1;

    private final ModelConfig m_config;

    private final Linear m_input;

    private final Linear m_timeIn;

    private final Linear m_timeOut;

    private final List<TransformerLayer> m_layers = new ArrayList<>();

    private final LayerNorm m_finalNorm;

    private final Linear m_finalModulation;

    private final Linear m_coordHead;

    private final Linear m_typeHead;

    private final PairFeatures m_pairs;

    private final RelativeCoordinateHead m_relativeHead;

    /** Property conditioning: the condition (values and presence flag) into the time embedding; null without. */
    private final Linear m_conditionIn;

    /** Self-conditioning: the previous estimate's state into token features; null without it. */
    private final Linear m_estimateIn;

    public VelocityTransformer(final ModelConfig config) {
        super(VERSION);
        m_config = config;
        int d = config.width();
        boolean adaptive = config.conditioning() == ModelConfig.Conditioning.ADALN;
        m_input = addChildBlock("input", Linear.builder().setUnits(d).build());
        m_timeIn = addChildBlock("timeIn", Linear.builder().setUnits(d).build());
        m_timeOut = addChildBlock("timeOut", Linear.builder().setUnits(d).build());
        for (int i = 0; i < config.depth(); i++) {
            m_layers.add(addChildBlock("layer" + (i + 1),
                new TransformerLayer(d, config.heads(), config.ffnMultiplier(), adaptive)));
        }
        m_finalNorm = addChildBlock("finalNorm", LayerNorm.builder().axis(2).optScale(!adaptive).optCenter(!adaptive)
            .build());
        m_finalModulation = adaptive ? addChildBlock("finalModulation", Linear.builder().setUnits(2L * d).build())
            : null;
        var g = config.geometry();
        // a head the configuration does not use is no child: its parameters would never get a gradient
        m_coordHead = g.linearHead() ? addChildBlock("coordHead", Linear.builder().setUnits(3).build()) : null;
        m_typeHead = addChildBlock("typeHead", Linear.builder().setUnits(config.atomTypes()).build());
        m_pairs = g.usesPairs() ? addChildBlock("pairs", new PairFeatures(g, d, config.heads(), config.depth(),
            config.selfConditioning())) : null;
        m_estimateIn = config.selfConditioning() ? addChildBlock("estimateIn", Linear.builder().setUnits(d).build())
            : null;
        m_relativeHead = g.relativeHead() ? addChildBlock("relativeHead", new RelativeCoordinateHead()) : null;
        m_conditionIn = config.conditions() > 0 ? addChildBlock("conditionIn", Linear.builder().setUnits(d).build())
            : null;
    }

    public ModelConfig config() {
        return m_config;
    }

    /**
     * Initialises all parameters reproducibly from the seed (Java-seeded Xavier weights, zero biases, adaLN
     * gates zero) on the manager's device; call once before training.
     */
    public void initialize(final NDManager manager, final long seed) {
        setInitializer(new SeededInitializer(seed), Parameter.Type.WEIGHT);
        m_layers.forEach(TransformerLayer::zeroModulation);
        if (m_finalModulation != null) {
            m_finalModulation.setInitializer(ai.djl.training.initializer.Initializer.ZEROS, Parameter.Type.WEIGHT);
        }
        initialize(manager, DataType.FLOAT32, new Shape(1, 2, m_config.stateDim()), new Shape(1), new Shape(1, 2));
    }

    /**
     * @return the number of trained scalar parameters (with adaLN, DJL's layer norms keep a fixed unit scale
     *         and zero shift as parameters that are not trained: they are not counted)
     */
    public long parameterCount() {
        long n = 0;
        for (var p : getParameters().values()) {
            if (p.requiresGradient()) {
                n += p.getShape().size();
            }
        }
        return n;
    }

    @Override
    protected void initializeChildBlocks(final NDManager manager, final DataType dataType, final Shape... inputShapes) {
        var state = inputShapes[0];
        long b = state.get(0);
        long n = state.get(1);
        int d = m_config.width();
        var tokens = new Shape(b, n, d);
        m_input.initialize(manager, dataType, state);
        m_timeIn.initialize(manager, dataType, new Shape(b, m_config.timeFeatures()));
        if (m_conditionIn != null) {
            m_conditionIn.initialize(manager, dataType, new Shape(b, m_config.conditions() + 1));
        }
        m_timeOut.initialize(manager, dataType, new Shape(b, d));
        for (var layer : m_layers) {
            layer.initialize(manager, dataType, tokens, new Shape(b, 1, 1, n), new Shape(b, d));
        }
        m_finalNorm.initialize(manager, dataType, tokens);
        if (m_finalModulation != null) {
            m_finalModulation.initialize(manager, dataType, new Shape(b, d));
        }
        if (m_coordHead != null) {
            m_coordHead.initialize(manager, dataType, tokens);
        }
        m_typeHead.initialize(manager, dataType, tokens);
        if (m_pairs != null) {
            m_pairs.initialize(manager, dataType, new Shape(b, n, 3), new Shape(b, n), new Shape(b, n, 3));
        }
        if (m_estimateIn != null) {
            m_estimateIn.initialize(manager, dataType, state);
        }
        if (m_relativeHead != null) {
            m_relativeHead.initialize(manager, dataType, tokens, new Shape(b, n, n, PairFeatures.PAIR_WIDTH),
                new Shape(b, n, n, 3), new Shape(b, n));
        }
    }

    @Override
    public Shape[] getOutputShapes(final Shape[] inputShapes) {
        var s = inputShapes[0];
        var out = new Shape[2 + m_config.depth()];
        out[0] = new Shape(s.get(0), s.get(1), 3);
        out[1] = new Shape(s.get(0), s.get(1), m_config.atomTypes());
        for (int i = 0; i < m_config.depth(); i++) {
            out[2 + i] = new Shape(s.get(0), s.get(1), m_config.width());
        }
        return out;
    }

    @Override
    protected NDList forwardInternal(final ParameterStore ps, final NDList inputs, final boolean training,
        final PairList<String, Object> params) {
        var x = inputs.get(0);
        var t = inputs.get(1);
        var mask = inputs.get(2);
        var s = x.getShape();
        if (s.dimension() != 3 || s.get(2) != m_config.stateDim() || !t.getShape().equals(new Shape(s.get(0)))
            || !mask.getShape().equals(new Shape(s.get(0), s.get(1)))) {
            throw new IllegalArgumentException("Velocity transformer expects x [B, N, " + m_config.stateDim()
                + "], t [B], mask [B, N]; got " + s + ", " + t.getShape() + ", " + mask.getShape() + ".");
        }
        var manager = x.getManager();
        var times = t.toType(DataType.FLOAT64, false).toDoubleArray();
        var tf = SinusoidalFeatures.time(manager, times, m_config.timeFeatures()).toType(x.getDataType(), false);
        var temb = m_timeOut.forward(ps, new NDList(Nn.silu(m_timeIn.forward(ps, new NDList(tf), training).head())),
            training).head(); // [B, d]
        temb = withCondition(ps, temb, ConditionInput.find(inputs), s.get(0), training);
        var g = m_config.geometry();
        var maskF = mask.toType(x.getDataType(), false);
        var given = ConditionInput.estimate(inputs);
        if (given != null && (m_estimateIn == null || !given.getShape().equals(s))) {
            throw new IllegalArgumentException(m_estimateIn == null ? "This network has no self-conditioning input."
                : "The previous estimate must be shaped as x " + s + ", got " + given.getShape() + ".");
        }
        NDArray estimate = null;
        if (m_estimateIn != null) {
            estimate = given != null ? given : x.zerosLike();
        }
        NDList pairs = null;
        if (m_pairs != null) {
            var pairInputs = new NDList(x.get(":, :, 0:3"), maskF);
            if (estimate != null) {
                pairInputs.add(estimate.get(":, :, 0:3"));
            }
            pairs = m_pairs.forward(ps, pairInputs, training);
        }
        var channels = g.coordinateTokens() ? null : typeChannels(manager, x.getDataType());
        var h = m_input.forward(ps, new NDList(channels == null ? x : x.mul(channels)), training).head();
        if (estimate != null) {
            h = h.add(m_estimateIn.forward(ps, new NDList(channels == null ? estimate : estimate.mul(channels)),
                training).head());
        }
        if (g.distanceBias()) {
            h = h.add(pairs.get(2));
        }
        if (m_config.positionalEncoding()) {
            h = h.add(SinusoidalFeatures.positions(manager, (int)s.get(1), m_config.width()).toType(x.getDataType(), false));
        }
        boolean adaptive = m_finalModulation != null;
        if (!adaptive) {
            h = h.add(temb.expandDims(1));
        }
        // additive key mask [B, 1, 1, N]: 0 for real atoms, −1e5 for padding
        var maskOffset = maskF.sub(1).mul(1e5f).reshape(s.get(0), 1, 1, s.get(1));
        var out = new NDList(2 + m_config.depth());
        var hidden = new ArrayList<NDArray>();
        for (int i = 0; i < m_layers.size(); i++) {
            // with the distance bias, each block's [B, H, N, N] bias joins the mask (DJL adds a 4-D mask as given)
            var attend = g.distanceBias() ? maskOffset.add(pairs.get(3 + i)) : maskOffset;
            var in = adaptive ? new NDList(h, attend, temb) : new NDList(h, attend);
            h = m_layers.get(i).forward(ps, in, training).head();
            hidden.add(h);
        }
        var z = m_finalNorm.forward(ps, new NDList(h), training).head();
        if (adaptive) {
            var mod = m_finalModulation.forward(ps, new NDList(Nn.silu(temb)), training).head().expandDims(1)
                .split(2, 2);
            z = z.mul(mod.get(1).add(1)).add(mod.get(0));
        }
        NDArray coords = null;
        if (g.linearHead()) {
            coords = m_coordHead.forward(ps, new NDList(z), training).head();
        }
        if (m_relativeHead != null) {
            var v = m_relativeHead.forward(ps, new NDList(z, pairs.get(0), pairs.get(1), maskF), training).head();
            coords = coords == null ? v : coords.add(v);
        }
        out.add(coords);
        out.add(m_typeHead.forward(ps, new NDList(z), training).head());
        out.addAll(hidden);
        return out;
    }

    /** @return the time embedding plus the condition's (none given: the unconditional one, flag 0) */
    private NDArray withCondition(final ParameterStore ps, final NDArray temb, final NDArray condition, final long b,
        final boolean training) {
        if (m_conditionIn == null) {
            if (condition != null) {
                throw new IllegalArgumentException("This network is not conditioned on properties.");
            }
            return temb;
        }
        var c = condition != null ? condition : ConditionInput.none(temb.getManager(), (int)b, m_config.conditions());
        if (!c.getShape().equals(new Shape(b, m_config.conditions() + 1))) {
            throw new IllegalArgumentException("The condition must be [" + b + ", " + (m_config.conditions() + 1)
                + "], got " + c.getShape() + ".");
        }
        return temb.add(m_conditionIn.forward(ps, new NDList(c.toType(temb.getDataType(), false)), training).head());
    }

    /** @return [3 + K] with 0 for the coordinate channels and 1 for the type channels */
    private NDArray typeChannels(final NDManager manager, final DataType type) {
        var m = new float[m_config.stateDim()];
        java.util.Arrays.fill(m, 3, m.length, 1f);
        return manager.create(m).toType(type, false);
    }

    /** @return the outputs of {@link #forwardInternal} as named parts */
    public static Prediction unpack(final NDList outputs) {
        return new Prediction(outputs.get(0), outputs.get(1), outputs.subList(2, outputs.size()));
    }

    /**
     * @param coords coordinate head [B, N, 3] in the training parametrization
     * @param typeLogits type head [B, N, K]
     * @param hidden hidden states after blocks 1..depth, each [B, N, d]
     */
    public record Prediction(NDArray coords, NDArray typeLogits, List<NDArray> hidden) {
    }
}
