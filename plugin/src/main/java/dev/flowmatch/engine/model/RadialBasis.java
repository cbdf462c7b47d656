package dev.flowmatch.engine.model;

import ai.djl.ndarray.NDArray;

/**
 * Gaussian radial basis functions of interatomic distances in Å, exp(−((d − μ_k)/w_k)²), with centres dense
 * where bonds are: every 0.02 Å from 0.80 to 1.80 Å (each width one spacing), so bond lengths that differ by
 * 0.02 Å — a single/double/triple threshold in EDM's rule is 3–10 pm wide — give clearly different features;
 * coarse below (0.2, 0.4, 0.6 Å) and beyond (2.2 to 5.8 Å every 0.4 Å) for non-bonded contacts.
 */
final class RadialBasis {

    /** Centres in Å. */
    static final float[] CENTRES;

    /** Widths in Å (the local spacing). */
    static final float[] WIDTHS;

    static {
        var c = new java.util.ArrayList<Float>();
        var w = new java.util.ArrayList<Float>();
        for (int k = 1; k <= 3; k++) {
            c.add(0.2f * k);
            w.add(0.2f);
        }
        for (int k = 0; k <= 50; k++) {
            c.add(0.80f + 0.02f * k);
            w.add(0.02f);
        }
        for (int k = 0; k < 10; k++) {
            c.add(2.2f + 0.4f * k);
            w.add(0.4f);
        }
        CENTRES = new float[c.size()];
        WIDTHS = new float[w.size()];
        for (int k = 0; k < CENTRES.length; k++) {
            CENTRES[k] = c.get(k);
            WIDTHS[k] = w.get(k);
        }
    }

    /** Number of basis functions. */
    static final int SIZE = CENTRES.length;

    private RadialBasis() {
    }

    /**
     * @param angstrom distances in Å, any shape S
     * @return features of shape S × {@link #SIZE}
     */
    static NDArray expand(final NDArray angstrom) {
        var m = angstrom.getManager();
        var centres = m.create(CENTRES).toType(angstrom.getDataType(), false);
        var widths = m.create(WIDTHS).toType(angstrom.getDataType(), false);
        var z = angstrom.expandDims(-1).sub(centres).div(widths);
        return z.square().neg().exp();
    }
}
