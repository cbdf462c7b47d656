package dev.flowmatch.engine.encoder;

import java.util.List;

import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.fingerprint.CircularFingerprinter;
import org.openscience.cdk.interfaces.IAtomContainer;

/**
 * ECFP-style count vectors from CDK's circular fingerprinter, folded to a fixed length and log-scaled
 * (log(1 + count)) so that large fragments do not dominate. The simplest frozen encoder: no weights, exactly
 * reproducible, and chemically meaningful enough to serve as a REPA target.
 */
public final class CountFingerprintEncoder implements FrozenEncoder {

    private final int m_radius;

    private final int m_length;

    /**
     * @param radius ECFP radius in bonds (1 = ECFP2, 2 = ECFP4, 3 = ECFP6)
     * @param length folded length E
     */
    public CountFingerprintEncoder(final int radius, final int length) {
        if (radius < 0 || radius > 3) {
            throw new IllegalArgumentException("ECFP radius must be 0..3, got " + radius + ".");
        }
        if (length < 1) {
            throw new IllegalArgumentException("Fingerprint length must be ≥ 1, got " + length + ".");
        }
        m_radius = radius;
        m_length = length;
    }

    @Override
    public String name() {
        return "ECFP" + 2 * m_radius + " counts (" + m_length + ")";
    }

    @Override
    public String version() {
        return "cdk-circular-1";
    }

    @Override
    public int dimension() {
        return m_length;
    }

    @Override
    public float[][] embed(final List<IAtomContainer> molecules) {
        var out = new float[molecules.size()][];
        var fp = new CircularFingerprinter(classFor(m_radius));
        for (int i = 0; i < out.length; i++) {
            var counts = new float[m_length];
            try {
                var c = fp.getCountFingerprint(molecules.get(i));
                for (int k = 0; k < c.numOfPopulatedbins(); k++) {
                    counts[Math.floorMod(c.getHash(k), m_length)] += c.getCount(k);
                }
            } catch (CDKException e) {
                throw new IllegalArgumentException(FrozenEncoder.describe(i, molecules.get(i))
                    + " cannot be fingerprinted: " + e.getMessage(), e);
            }
            for (int k = 0; k < m_length; k++) {
                counts[k] = (float)Math.log1p(counts[k]);
            }
            out[i] = counts;
        }
        return out;
    }

    private static int classFor(final int radius) {
        return switch (radius) {
            case 0 -> CircularFingerprinter.CLASS_ECFP0;
            case 1 -> CircularFingerprinter.CLASS_ECFP2;
            case 2 -> CircularFingerprinter.CLASS_ECFP4;
            default -> CircularFingerprinter.CLASS_ECFP6;
        };
    }
}
