package dev.flowmatch.engine.flow;

import java.util.Arrays;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.flowmatch.engine.flow.path.Scheduler;

/**
 * The exact marginal velocity field of a finite data set {x1_i} under a Gaussian affine path:
 *
 * <pre>
 * u_t(x) = Σ_i w_i(x, t)·u_t(x | x1_i),   w_i ∝ exp(−‖x − α_t·x1_i‖² / (2σ_t²)),
 * u_t(x | x1) = α̇_t·x1 + σ̇_t·(x − α_t·x1)/σ_t
 * </pre>
 *
 * so u_t(x) = (σ̇/σ)·x + (α̇ − σ̇α/σ)·E[x1 | x_t = x]. The weights are a softmax (a stable log-sum-exp)
 * of α·⟨x, x1_i⟩/σ² − α²‖x1_i‖²/(2σ²); the ‖x‖² term is the same for every i and drops out. This is the
 * field a perfectly trained network would learn on the data set; integrating it reproduces training
 * samples, which makes it an oracle for solvers and couplings.
 *
 * <p>Point clouds of different sizes: with a data mask [M, N], a query whose mask has n real atoms is
 * only weighted against data with n atoms (masks are padded at the end, so equal counts mean equal
 * masks), and its padded slots get velocity 0.
 */
public final class MarginalField {

    private final Scheduler m_scheduler;

    private final NDArray m_data;

    private final NDArray m_dataTransposed;

    private final double[] m_halfSquaredNorms;

    private final int[] m_dataCounts;

    private final Shape m_itemShape;

    private MarginalField(final Scheduler scheduler, final NDArray data, final int[] dataCounts) {
        m_scheduler = scheduler;
        var s = data.getShape();
        m_itemShape = s.slice(1);
        m_data = data.reshape(s.get(0), m_itemShape.size());
        m_dataTransposed = m_data.transpose();
        // in Java double precision, so no temporaries stay behind in the data's manager
        var flat = m_data.toType(DataType.FLOAT64, true);
        var values = flat.toDoubleArray();
        flat.close();
        int f = (int)m_itemShape.size();
        m_halfSquaredNorms = new double[(int)s.get(0)];
        for (int i = 0; i < m_halfSquaredNorms.length; i++) {
            double sum = 0;
            for (int j = 0; j < f; j++) {
                sum += values[i * f + j] * values[i * f + j];
            }
            m_halfSquaredNorms[i] = 0.5 * sum;
        }
        m_dataCounts = dataCounts;
    }

    /**
     * @param data [M, ...]; kept by reference, so keep its manager open while the field is used
     */
    public static MarginalField of(final Scheduler scheduler, final NDArray data) {
        if (data.getShape().dimension() < 2 || data.getShape().get(0) == 0) {
            throw new IllegalArgumentException("Marginal field data must be [M, ...] with M ≥ 1, got " + data.getShape()
                + ".");
        }
        return new MarginalField(scheduler, data, null);
    }

    /**
     * @param data point clouds [M, N, D]; padded atoms are zeroed
     * @param mask [M, N], 1 for real atoms, padding at the end
     */
    public static MarginalField of(final Scheduler scheduler, final NDArray data, final NDArray mask) {
        var s = data.getShape();
        if (s.dimension() != 3 || !mask.getShape().equals(new Shape(s.get(0), s.get(1)))) {
            throw new IllegalArgumentException("Expected data [M, N, D] and mask [M, N], got " + s + " and "
                + mask.getShape() + ".");
        }
        var m = mask.toType(data.getDataType(), true);
        var zeroed = data.mul(m.expandDims(2));
        m.close();
        return new MarginalField(scheduler, zeroed, HostArrays.atomCounts(mask));
    }

    /** @return the field for queries of the data's item shape (data given without mask) */
    public VectorField field() {
        if (m_dataCounts != null) {
            throw new IllegalStateException("This marginal field has masked data; use field(queryMask).");
        }
        return new Bound(null, null);
    }

    /**
     * @param queryMask [B, N] of the states the solver will integrate
     * @throws IllegalArgumentException when a query's atom count has no data point of that size
     */
    public VectorField field(final NDArray queryMask) {
        if (m_dataCounts == null) {
            throw new IllegalStateException("This marginal field has no data mask; use field().");
        }
        int[] q = HostArrays.atomCounts(queryMask);
        var bias = new double[q.length * m_dataCounts.length];
        for (int b = 0; b < q.length; b++) {
            boolean any = false;
            for (int i = 0; i < m_dataCounts.length; i++) {
                boolean same = q[b] == m_dataCounts[i];
                any |= same;
                bias[b * m_dataCounts.length + i] = same ? 0 : Double.NEGATIVE_INFINITY;
            }
            if (!any) {
                throw new IllegalArgumentException(
                    "Query " + b + " has " + q[b] + " atoms, but no data point of the marginal field has that many.");
            }
        }
        var mask = HostArrays.floats(queryMask);
        return new Bound(bias, mask);
    }

    /** The field for one kind of query; infinite where σ_t = 0 (the data points are then its sinks). */
    private final class Bound implements VectorField {

        private final double[] m_bias;

        private final float[] m_mask;

        Bound(final double[] bias, final float[] mask) {
            m_bias = bias;
            m_mask = mask;
        }

        @Override
        public NDArray velocity(final NDArray x, final double t) {
            return MarginalField.this.velocity(x, t, m_bias, m_mask);
        }

        @Override
        public boolean isFiniteAt(final double t) {
            return FieldTime.isFinite(m_scheduler, t);
        }
    }

    /** @return the posterior mean E[x1 | x_t = x] [B, ...] (unmasked data only) */
    public NDArray expectedData(final NDArray x, final double t) {
        if (m_dataCounts != null) {
            throw new IllegalStateException("Use a masked query through field(queryMask).");
        }
        var c = FieldTime.at(m_scheduler, t);
        return Scopes.compute(x, xs -> posteriorMean(xs, c, null).reshape(xs.getShape()));
    }

    private NDArray velocity(final NDArray x, final double t, final double[] bias, final float[] mask) {
        var expected = new Shape(x.getShape().get(0)).addAll(m_itemShape);
        if (!x.getShape().equals(expected)) {
            throw new IllegalArgumentException("Marginal field expects states " + expected + ", got " + x.getShape() + ".");
        }
        if (x.getDataType() != m_data.getDataType()) {
            throw new IllegalArgumentException("Marginal field data are " + m_data.getDataType() + ", states are "
                + x.getDataType() + "; use one type.");
        }
        var c = FieldTime.at(m_scheduler, t);
        return Scopes.compute(x, xs -> {
            var mean = posteriorMean(xs, c, bias).reshape(xs.getShape());
            double kx = c.dSigma() / c.sigma();
            double k1 = c.dAlpha() - c.dSigma() * c.alpha() / c.sigma();
            var v = xs.mul(kx).add(mean.mul(k1));
            if (mask != null) {
                var m = xs.getManager().create(mask, new Shape(xs.getShape().get(0), xs.getShape().get(1), 1));
                v = v.mul(m.toType(xs.getDataType(), false));
            }
            return v;
        });
    }

    /** E[x1 | x] = softmax_i(α⟨x, x1_i⟩/σ² − α²‖x1_i‖²/(2σ²) + bias)·x1, flat [B, F]. */
    private NDArray posteriorMean(final NDArray xs, final Scheduler.Coefficients c, final double[] bias) {
        long b = xs.getShape().get(0);
        int m = m_halfSquaredNorms.length;
        double inv = 1 / (c.sigma() * c.sigma());
        var flat = xs.reshape(b, m_itemShape.size());
        var logits = flat.matMul(m_dataTransposed).mul(c.alpha() * inv);
        var norms = new double[m];
        for (int i = 0; i < m; i++) {
            norms[i] = c.alpha() * c.alpha() * inv * m_halfSquaredNorms[i];
        }
        logits = logits.sub(PerSample.of(norms, logits, new Shape(1, m)));
        if (bias != null) {
            logits = logits.add(PerSample.of(bias, logits, new Shape(b, m)));
        }
        return logits.softmax(1).matMul(m_data);
    }

    /** @return the number of data points */
    public int size() {
        return m_halfSquaredNorms.length;
    }

    @Override
    public String toString() {
        return "MarginalField[" + size() + " points of " + m_itemShape + ", " + m_scheduler.describe() + ", counts "
            + (m_dataCounts == null ? "-" : Arrays.toString(Arrays.stream(m_dataCounts).distinct().sorted().toArray()))
            + "]";
    }
}
