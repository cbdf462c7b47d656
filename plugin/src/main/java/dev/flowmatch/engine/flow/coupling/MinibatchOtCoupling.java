package dev.flowmatch.engine.flow.coupling;

import ai.djl.ndarray.NDArray;

/**
 * Minibatch optimal transport (Tong et al. 2023, Pooladian et al. 2023): within a batch, the noise rows are
 * reassigned to data rows by an exact assignment minimising the total squared distance, measured over each
 * data row's real atoms. Exact for any batch size (O(B³) Hungarian method; a batch of 256 takes a few
 * milliseconds).
 */
public final class MinibatchOtCoupling implements Coupling {

    @Override
    public NDArray couple(final NDArray x0, final NDArray x1, final NDArray mask) {
        var c = CloudArrays.of(x0, x1, mask);
        int[] noiseForData = Assignment.minimize(costs(c));
        var out = new float[c.x0().length];
        int stride = c.stride();
        for (int j = 0; j < c.batch(); j++) {
            System.arraycopy(c.x0(), noiseForData[j] * stride, out, j * stride, stride);
        }
        return c.create(out, x0);
    }

    /** @return cost[j][i]: squared distance of noise row i to data row j over j's real atoms */
    static double[][] costs(final CloudArrays c) {
        int b = c.batch();
        int stride = c.stride();
        var cost = new double[b][b];
        for (int j = 0; j < b; j++) {
            int len = c.counts()[j] * c.dim();
            for (int i = 0; i < b; i++) {
                double s = 0;
                for (int k = 0; k < len; k++) {
                    double d = c.x0()[i * stride + k] - c.x1()[j * stride + k];
                    s += d * d;
                }
                cost[j][i] = s;
            }
        }
        return cost;
    }

    @Override
    public String describe() {
        return "minibatch_ot";
    }
}
