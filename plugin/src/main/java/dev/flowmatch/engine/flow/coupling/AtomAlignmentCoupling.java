package dev.flowmatch.engine.flow.coupling;

import ai.djl.ndarray.NDArray;

/**
 * Aligns each molecule's noise to its atoms: an exact assignment of noise points to the real atoms
 * (minimising squared distance), then the Kabsch rotation of the noise onto the atoms, repeated a few
 * times (each half-step can only lower the cost). Permuting and rotating (about the origin) isotropic
 * Gaussian noise leaves its distribution unchanged, so the prior is still sampled exactly while paths get
 * shorter and straighter. Rotations need D = 3.
 */
public final class AtomAlignmentCoupling implements Coupling {

    private final boolean m_permute;

    private final boolean m_rotate;

    private final int m_rounds;

    /**
     * @param permute match noise points to atoms
     * @param rotate rotate the noise onto the atoms
     * @param rounds permutation/rotation rounds (≥ 1)
     */
    public AtomAlignmentCoupling(final boolean permute, final boolean rotate, final int rounds) {
        if (rounds < 1 || !permute && !rotate) {
            throw new IllegalArgumentException("Alignment needs permutation or rotation and at least one round.");
        }
        m_permute = permute;
        m_rotate = rotate;
        m_rounds = rounds;
    }

    /** @return permutation and rotation, two rounds */
    public static AtomAlignmentCoupling defaults() {
        return new AtomAlignmentCoupling(true, true, 2);
    }

    @Override
    public NDArray couple(final NDArray x0, final NDArray x1, final NDArray mask) {
        var c = CloudArrays.of(x0, x1, mask);
        if (m_rotate && c.dim() != 3) {
            throw new IllegalArgumentException("Rotation alignment needs 3-D points, got D=" + c.dim() + ".");
        }
        var out = c.x0().clone();
        int stride = c.stride();
        for (int i = 0; i < c.batch(); i++) {
            int n = c.counts()[i];
            var noise = new float[n * c.dim()];
            var atoms = new float[n * c.dim()];
            System.arraycopy(out, i * stride, noise, 0, noise.length);
            System.arraycopy(c.x1(), i * stride, atoms, 0, atoms.length);
            for (int r = 0; r < m_rounds; r++) {
                if (m_permute) {
                    noise = permuted(noise, atoms, n, c.dim());
                }
                if (m_rotate) {
                    noise = rotated(Kabsch.rotation(noise, atoms, n), noise, n);
                }
            }
            System.arraycopy(noise, 0, out, i * stride, noise.length);
        }
        return c.create(out, x0);
    }

    private static float[] permuted(final float[] noise, final float[] atoms, final int n, final int dim) {
        var cost = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int p = 0; p < n; p++) {
                double s = 0;
                for (int k = 0; k < dim; k++) {
                    double d = noise[p * dim + k] - atoms[a * dim + k];
                    s += d * d;
                }
                cost[a][p] = s;
            }
        }
        int[] pointForAtom = Assignment.minimize(cost);
        var out = new float[noise.length];
        for (int a = 0; a < n; a++) {
            System.arraycopy(noise, pointForAtom[a] * dim, out, a * dim, dim);
        }
        return out;
    }

    private static float[] rotated(final double[] r, final float[] p, final int n) {
        var out = new float[p.length];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 3; k++) {
                out[3 * i + k] = (float)(r[3 * k] * p[3 * i] + r[3 * k + 1] * p[3 * i + 1] + r[3 * k + 2] * p[3 * i + 2]);
            }
        }
        return out;
    }

    @Override
    public String describe() {
        return "aligned(" + (m_permute ? "permute" : "") + (m_permute && m_rotate ? "+" : "") + (m_rotate ? "rotate" : "")
            + ",rounds=" + m_rounds + ")";
    }
}
