package dev.flowmatch.engine.model;

import java.util.Locale;

/**
 * Architecture of a {@link VelocityTransformer}: one token per atom, pre-LN transformer blocks.
 *
 * @param atomTypes vocabulary size K; the state per atom is 3 coordinates + K type channels
 * @param width token dimension d (divisible by heads)
 * @param depth number of transformer blocks
 * @param heads attention heads
 * @param ffnMultiplier hidden size of each block's MLP as a multiple of d
 * @param timeFeatures number of sinusoidal time features (even) fed to the time MLP
 * @param conditioning how time enters the blocks
 * @param positionalEncoding add sinusoidal encodings of the atom index (meaningful with a canonical atom
 *            order; without them the network is permutation-equivariant)
 * @param geometry how the network sees distances and forms coordinates ({@link Geometry#NONE}: today's
 *            network; model files written before it existed load with it)
 * @param selfConditioning the network also reads its own previous estimate of the clean molecule (Chen et al.
 *            2022's self-conditioning): the estimate's state as token features and, with pair features, its
 *            interatomic distances beside the current ones; training feeds it half of the time (from a first pass
 *            without gradient), sampling from the previous evaluation. False in older model files.
 * @param conditions number of properties the network is conditioned on (0: unconditional, as older model files):
 *            their standardised values and a presence flag enter through a linear map added to the time embedding,
 *            so they take the time's path into every block ({@link ConditionInput})
 */
public record ModelConfig(int atomTypes, int width, int depth, int heads, int ffnMultiplier, int timeFeatures,
    Conditioning conditioning, boolean positionalEncoding, Geometry geometry, boolean selfConditioning,
    int conditions) {

    /** Largest token width a model file may declare. */
    public static final int MAX_WIDTH = 4096;

    /** Largest vocabulary a model file may declare (the periodic table and its charge states fit many times). */
    public static final int MAX_ATOM_TYPES = 256;

    /**
     * Most parameters a network may have: 50 M (200 MB of float32 per copy), ten times the largest network this
     * extension's recipes train and above TABASCO's. Loading holds the file's weights, the network and a decoded
     * copy at once, so this ceiling keeps a model file, however crafted, under 1 GiB of memory.
     */
    public static final long MAX_PARAMETERS = 50_000_000L;

    /** How the time embedding conditions the network. */
    public enum Conditioning {
        /** Adaptive layer norm with zero-initialised gates (DiT): per-block shift, scale and gate from t. */
        ADALN,
        /** The time embedding is added to every token once, before the first block. */
        ADD
    }

    public ModelConfig {
        // every size has a ceiling far above any useful network, checked before anything is allocated: a model
        // file (as a shared workflow can carry one) must not be able to ask for gigabytes
        require(atomTypes >= 1 && atomTypes <= MAX_ATOM_TYPES,
            "Atom types must be 1.." + MAX_ATOM_TYPES + ", got " + atomTypes + ".");
        require(width >= 2 && width <= MAX_WIDTH, "Width must be 2.." + MAX_WIDTH + ", got " + width + ".");
        require(heads >= 1 && heads <= 64 && width % heads == 0,
            String.format(Locale.ROOT, "Width %d must be divisible by the head count %d (1..64).", width, heads));
        require(depth >= 1 && depth <= 64, "Depth must be 1..64, got " + depth + ".");
        require(ffnMultiplier >= 1 && ffnMultiplier <= 16, "MLP multiplier must be 1..16, got " + ffnMultiplier + ".");
        require(timeFeatures >= 2 && timeFeatures <= 4096 && timeFeatures % 2 == 0,
            "Time features must be even and 2..4096, got " + timeFeatures + ".");
        require(conditioning != null, "Conditioning must be set.");
        require(conditions >= 0 && conditions <= 64, "Conditions must be 0..64, got " + conditions + ".");
        if (geometry == null) { // a model file from before geometry-aware networks
            geometry = Geometry.NONE;
        }
        long bound = parameterBound(atomTypes, width, depth, heads, ffnMultiplier, timeFeatures,
            conditioning == Conditioning.ADALN, geometry, selfConditioning) + (conditions + 2L) * width;
        require(bound <= MAX_PARAMETERS, String.format(Locale.ROOT, "width %d, depth %d and MLP multiplier %d make a"
            + " network of up to %,d parameters; at most %,d are accepted.", width, depth, ffnMultiplier, bound,
            MAX_PARAMETERS));
    }

    /**
     * @return an upper bound on the network's parameter count, from its sizes alone (nothing allocated): per block
     *         attention 4d², MLP 2md², adaLN modulation 6d²; outside the blocks the time MLP, the input, estimate,
     *         output and final modulation maps, pair features and heads, each counted with room to spare.
     *         {@code ParameterBoundTest} holds it between the real count and 1.25 times it for every geometry.
     */
    public long parameterBound() {
        return parameterBound(atomTypes, width, depth, heads, ffnMultiplier, timeFeatures,
            conditioning == Conditioning.ADALN, geometry, selfConditioning) + (conditions + 2L) * width;
    }

    private static long parameterBound(final int types, final int d, final int depth, final int heads, final int m,
        final int time, final boolean adaptive, final Geometry g, final boolean self) {
        long w = d;
        long pairWidth = PairFeatures.PAIR_WIDTH;
        long bias = g.distanceBias() ? (pairWidth + 1) * heads : 0;
        long block = (4 + 2L * m + (adaptive ? 6 : 0)) * w * w + (12 + m + (adaptive ? 6 : 0)) * w + bias; // norms: 4d
        long state = 3L + types;
        long outside = (1 + (adaptive ? 2 : 0)) * w * w + w * ((self ? 2 : 1) * state + time + types + 10) + types + 8;
        if (g.usesPairs()) {
            outside += (2L * RadialBasis.SIZE + 1) * pairWidth + (g.distanceBias() ? (pairWidth + 1) * w : 0);
        }
        if (g.relativeHead()) {
            outside += 2 * (w + 1) * pairWidth + pairWidth * pairWidth + pairWidth + 1;
        }
        return depth * block + outside;
    }

    /**
     * @return the most bytes a file entry holding this network's float32 weights may need (DJL's encoding: the
     *         values plus a name, shape and type for each of at most 20 tensors per block and 40 outside); a model
     *         file declaring more for its weights is refused before anything is inflated
     */
    public long weightBytesBound() {
        return 4 * parameterBound() + 256L * (20L * depth + 40);
    }

    /** Today's network (coordinates only through the token input map, a linear coordinate head). */
    public ModelConfig(final int atomTypes, final int width, final int depth, final int heads, final int ffnMultiplier,
        final int timeFeatures, final Conditioning conditioning, final boolean positionalEncoding) {
        this(atomTypes, width, depth, heads, ffnMultiplier, timeFeatures, conditioning, positionalEncoding,
            Geometry.NONE);
    }

    /** A network without self-conditioning. */
    public ModelConfig(final int atomTypes, final int width, final int depth, final int heads, final int ffnMultiplier,
        final int timeFeatures, final Conditioning conditioning, final boolean positionalEncoding,
        final Geometry geometry) {
        this(atomTypes, width, depth, heads, ffnMultiplier, timeFeatures, conditioning, positionalEncoding, geometry,
            false, 0);
    }

    /** An unconditional network. */
    public ModelConfig(final int atomTypes, final int width, final int depth, final int heads, final int ffnMultiplier,
        final int timeFeatures, final Conditioning conditioning, final boolean positionalEncoding,
        final Geometry geometry, final boolean selfConditioning) {
        this(atomTypes, width, depth, heads, ffnMultiplier, timeFeatures, conditioning, positionalEncoding, geometry,
            selfConditioning, 0);
    }

    /** @return 4 blocks of width 128, 8 heads, MLP ×4, 64 time features, adaLN, no positional encoding */
    public static ModelConfig defaults(final int atomTypes) {
        return new ModelConfig(atomTypes, 128, 4, 8, 4, 64, Conditioning.ADALN, false);
    }

    /** @return the per-atom state size, 3 + K */
    public int stateDim() {
        return 3 + atomTypes;
    }

    public ModelConfig withPositionalEncoding(final boolean on) {
        return new ModelConfig(atomTypes, width, depth, heads, ffnMultiplier, timeFeatures, conditioning, on,
            geometry, selfConditioning, conditions);
    }

    public ModelConfig withGeometry(final Geometry g) {
        return new ModelConfig(atomTypes, width, depth, heads, ffnMultiplier, timeFeatures, conditioning,
            positionalEncoding, g, selfConditioning, conditions);
    }

    public ModelConfig withSelfConditioning(final boolean on) {
        return new ModelConfig(atomTypes, width, depth, heads, ffnMultiplier, timeFeatures, conditioning,
            positionalEncoding, geometry, on, conditions);
    }

    /** @return this network conditioned on {@code count} properties (0: unconditional) */
    public ModelConfig withConditions(final int count) {
        return new ModelConfig(atomTypes, width, depth, heads, ffnMultiplier, timeFeatures, conditioning,
            positionalEncoding, geometry, selfConditioning, count);
    }

    private static void require(final boolean ok, final String message) {
        if (!ok) {
            throw new IllegalArgumentException("Model setting: " + message);
        }
    }
}
