package dev.flowmatch.engine.flow.coupling;

import ai.djl.ndarray.NDArray;

/** Noise and data paired as drawn: the plain conditional flow-matching objective. */
public final class IndependentCoupling implements Coupling {

    @Override
    public NDArray couple(final NDArray x0, final NDArray x1, final NDArray mask) {
        var c = CloudArrays.of(x0, x1, mask);
        return c.create(c.x0().clone(), x0);
    }

    @Override
    public String describe() {
        return "independent";
    }
}
