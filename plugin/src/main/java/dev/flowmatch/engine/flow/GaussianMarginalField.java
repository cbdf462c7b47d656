package dev.flowmatch.engine.flow;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

import ai.djl.ndarray.types.Shape;
import dev.flowmatch.engine.flow.path.Scheduler;

/**
 * The marginal velocity field in closed form when the data are Gaussian, x1 ~ N(μ, Σ), and x0 ~ N(0, I):
 * x_t ~ N(αμ, C) with C = α²Σ + σ²I, and
 *
 * <pre>
 * u_t(x) = α̇·E[x1 | x] + σ̇·E[x0 | x] = α̇·μ + (α̇α·Σ + σ̇σ·I)·C⁻¹·(x − αμ).
 * </pre>
 *
 * Integrating it from N(0, I) must end in N(μ, Σ): a test of solvers that no network can fake. Also
 * useful for teaching (2-D fields on a grid).
 */
public final class GaussianMarginalField implements VectorField {

    private final Scheduler m_scheduler;

    private final RealVector m_mean;

    private final RealMatrix m_cov;

    /**
     * @param mean μ (length d)
     * @param cov Σ (d×d, symmetric positive semi-definite)
     */
    public GaussianMarginalField(final Scheduler scheduler, final double[] mean, final double[][] cov) {
        if (cov.length != mean.length) {
            throw new IllegalArgumentException(
                "Covariance has " + cov.length + " rows for a mean of dimension " + mean.length + ".");
        }
        m_scheduler = scheduler;
        m_mean = new ArrayRealVector(mean);
        m_cov = new Array2DRowRealMatrix(cov);
    }

    public int dimension() {
        return m_mean.getDimension();
    }

    @Override
    public ai.djl.ndarray.NDArray velocity(final ai.djl.ndarray.NDArray x, final double t) {
        int d = dimension();
        if (x.getShape().dimension() != 2 || x.getShape().get(1) != d) {
            throw new IllegalArgumentException("Expected states [B, " + d + "], got " + x.getShape() + ".");
        }
        var c = FieldTime.at(m_scheduler, t);
        var identity = MatrixUtils.createRealIdentityMatrix(d);
        var cMat = m_cov.scalarMultiply(c.alpha() * c.alpha()).add(identity.scalarMultiply(c.sigma() * c.sigma()));
        var numerator = m_cov.scalarMultiply(c.dAlpha() * c.alpha()).add(identity.scalarMultiply(c.dSigma() * c.sigma()));
        // M = N·C⁻¹ = (C⁻¹·N)ᵀ since both are symmetric; v = (x − αμ)·Mᵀ + α̇μ for row vectors x
        RealMatrix mT = new LUDecomposition(cMat).getSolver().solve(numerator);
        var shift = m_mean.mapMultiply(c.alpha()).toArray();
        var offset = m_mean.mapMultiply(c.dAlpha()).toArray();
        var flatMT = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                flatMT[i * d + j] = mT.getEntry(i, j);
            }
        }
        return Scopes.compute(x, xs -> xs.sub(PerSample.of(shift, xs, new Shape(1, d)))
            .matMul(PerSample.of(flatMT, xs, new Shape(d, d))).add(PerSample.of(offset, xs, new Shape(1, d))));
    }
}
