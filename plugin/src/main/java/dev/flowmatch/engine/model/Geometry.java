package dev.flowmatch.engine.model;

import java.util.Locale;

/**
 * How the velocity network sees the molecule's geometry beyond today's linear map of raw coordinates into each
 * atom's token. Attention over linear coordinate features has to rediscover every interatomic distance from dot
 * products, to about 1 % of the coordinate scale; networks that reach EDM-class bond lengths give distances to
 * the network directly (Uni-Mol, Graphormer-3D) and build coordinate updates from relative vectors (EGNN, EDM,
 * SemlaFlow).
 *
 * @param angstromPerUnit the state's length unit in Å (the representation's coordinate scale): radial basis
 *            centres are placed in Å, so their resolution is chemical whatever the scaling; 0 when unused
 * @param distanceBias pair features from the current interatomic distances, expanded in {@link RadialBasis}
 *            functions, give every block one attention bias per head (added to the logits with the padding mask)
 *            and every token the mean of its pair features
 * @param head how coordinates are predicted
 * @param coordinateTokens raw coordinates enter each token through the input map (today's network); without
 *            them tokens see geometry only through distances, and with the relative head alone and no atom-index
 *            encodings the network is equivariant to rotations and translations
 */
public record Geometry(double angstromPerUnit, boolean distanceBias, CoordinateHead head, boolean coordinateTokens) {

    /** How the coordinate part of the output is formed. */
    public enum CoordinateHead {
        /** A linear map of each token (today's network; neither rotation- nor translation-equivariant). */
        LINEAR,
        /**
         * v_i = mean over the other real atoms j of (x_i − x_j)·φ(h_i, h_j, d_ij): rotation-equivariant and
         * translation-invariant when φ's inputs are.
         */
        RELATIVE,
        /** The sum of both. */
        BOTH
    }

    /** The geometries the learner node and the recipes offer, by name; {@link #in(double)} gives the unit. */
    public enum Preset {
        /** Today's network. */
        COORDINATES(false, CoordinateHead.LINEAR, true),
        /** Distance attention bias and token features; linear head. */
        DISTANCE_BIAS(true, CoordinateHead.LINEAR, true),
        /** Relative-vector head beside the linear one; no distance bias. */
        RELATIVE_HEAD(false, CoordinateHead.BOTH, true),
        /** Distance bias and the relative-vector head beside the linear one. */
        DISTANCES_AND_RELATIVE(true, CoordinateHead.BOTH, true),
        /** Distance bias, relative-vector head alone, no raw coordinates in the tokens. */
        EQUIVARIANT(true, CoordinateHead.RELATIVE, false);

        /**
         * The geometry ablation's choice (issue 28, benchmarks/RESULTS.md "geometry ablation"): at 5,000 steps of
         * the QM9 protocol the distance bias with the relative head beside the linear one had the lowest
         * validation loss and the highest atom stability by EDM's rule, with the smallest bond-length W1. The
         * learner node's and the main job's default.
         */
        public static final Preset RECOMMENDED = DISTANCES_AND_RELATIVE;

        private final boolean m_bias;

        private final CoordinateHead m_head;

        private final boolean m_tokens;

        Preset(final boolean bias, final CoordinateHead head, final boolean tokens) {
            m_bias = bias;
            m_head = head;
            m_tokens = tokens;
        }

        /** @param angstromPerUnit the state's length unit in Å (the representation's coordinate scale) */
        public Geometry in(final double angstromPerUnit) {
            return this == COORDINATES ? NONE : new Geometry(angstromPerUnit, m_bias, m_head, m_tokens);
        }
    }

    /** Today's network: coordinates only through the token input map, a linear coordinate head. */
    public static final Geometry NONE = new Geometry(0, false, CoordinateHead.LINEAR, true);

    public Geometry {
        if (head == null) {
            head = CoordinateHead.LINEAR;
        }
        // the compact constructor sees its parameters, not yet the fields: no accessor calls here
        boolean pairs = distanceBias || head != CoordinateHead.LINEAR;
        if (pairs && !(angstromPerUnit > 0 && angstromPerUnit < 100)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                "Model setting: distance features need the coordinate unit in Å (0 < unit < 100), got %s.",
                angstromPerUnit));
        }
        if (!coordinateTokens && !distanceBias && head == CoordinateHead.LINEAR) {
            throw new IllegalArgumentException("Model setting: without coordinates in the tokens the network needs"
                + " distance features or the relative coordinate head to see any geometry.");
        }
    }

    /** @return this geometry for states whose length unit is {@code unit} Å (unchanged when no distances are used) */
    public Geometry inUnits(final double unit) {
        return usesPairs() ? new Geometry(unit, distanceBias, head, coordinateTokens) : this;
    }

    /** @return whether pair features from distances are computed (for the bias or the relative head) */
    public boolean usesPairs() {
        return distanceBias || head != CoordinateHead.LINEAR;
    }

    /** @return whether the linear coordinate head is part of the output */
    public boolean linearHead() {
        return head != CoordinateHead.RELATIVE;
    }

    /** @return whether the relative-vector coordinate head is part of the output */
    public boolean relativeHead() {
        return head != CoordinateHead.LINEAR;
    }

    /** @return e.g. "distance bias, relative head" for the model's description */
    public String describe() {
        if (equals(NONE) || !usesPairs() && coordinateTokens) {
            return "coordinates in tokens, linear head";
        }
        var parts = new java.util.ArrayList<String>();
        parts.add(coordinateTokens ? "coordinates in tokens" : "no coordinates in tokens");
        if (distanceBias) {
            parts.add("distance attention bias");
        }
        parts.add(head.name().toLowerCase(Locale.ROOT) + " coordinate head");
        parts.add(String.format(Locale.ROOT, "%.3f Å/unit", angstromPerUnit));
        return String.join(", ", parts);
    }
}
