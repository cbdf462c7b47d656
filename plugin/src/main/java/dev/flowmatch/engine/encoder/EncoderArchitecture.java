package dev.flowmatch.engine.encoder;

/**
 * The shape of a neural encoder, stored in its weight file.
 *
 * @param kind the network family
 * @param width hidden size = embedding dimension
 * @param depth message-passing steps (MPNN) or interaction blocks (SchNet)
 * @param radialBasis Gaussian radial basis functions (SchNet only; 0 otherwise)
 * @param cutoff distance cutoff in Ångström (SchNet only; 0 otherwise)
 */
public record EncoderArchitecture(Kind kind, int width, int depth, int radialBasis, double cutoff) {

    /** The network families. */
    public enum Kind {
        /** Directed bond message passing over the 2D graph (Chemprop's D-MPNN). */
        MPNN,
        /** Continuous-filter convolutions over interatomic distances (SchNet). */
        SCHNET
    }

    public EncoderArchitecture {
        if (kind == null) {
            throw new IllegalArgumentException("Encoder kind is missing.");
        }
        if (width < 1 || width > 4096) {
            throw new IllegalArgumentException("Encoder width must be 1..4096, got " + width + ".");
        }
        if (depth < 1 || depth > 32) {
            throw new IllegalArgumentException("Encoder depth must be 1..32, got " + depth + ".");
        }
        if (kind == Kind.SCHNET && (radialBasis < 2 || radialBasis > 1024 || !(cutoff > 0) || !(cutoff <= 100))) {
            throw new IllegalArgumentException("SchNet needs 2..1024 radial basis functions and a cutoff in (0, 100] Å,"
                + " got " + radialBasis + " and " + cutoff + ".");
        }
    }

    /** Chemprop-like default: hidden size 128, 3 message-passing steps. */
    public static EncoderArchitecture mpnn(final int width, final int depth) {
        return new EncoderArchitecture(Kind.MPNN, width, depth, 0, 0);
    }

    /** SchNet-like: Gaussians every cutoff/(basis−1) Å up to the cutoff. */
    public static EncoderArchitecture schnet(final int width, final int interactions, final int radialBasis,
        final double cutoff) {
        return new EncoderArchitecture(Kind.SCHNET, width, interactions, radialBasis, cutoff);
    }
}
