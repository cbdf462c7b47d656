package dev.flowmatch.engine.flow.coupling;

import ai.djl.ndarray.NDArray;

/**
 * Pairs noise with data for training. Independent pairing gives curved marginal paths; optimal-transport
 * pairings straighten them, so fewer solver steps suffice (Tong et al. 2023; for molecules, aligning noise
 * to atoms by permutation and rotation, Klein et al. 2023, Song et al. 2023). The data order is kept; the
 * noise is rearranged, so atom types stay with their coordinates.
 */
public interface Coupling {

    /**
     * @param x0 noise [B, N, D]; values at padded atoms are ignored
     * @param x1 data [B, N, D]
     * @param mask [B, N], 1 for real atoms
     * @return noise paired with x1 row by row, padded atoms zero, in x0's manager
     */
    NDArray couple(NDArray x0, NDArray x1, NDArray mask);

    String describe();

    /** @return this coupling followed by another (e.g. minibatch OT, then per-molecule alignment) */
    default Coupling then(final Coupling next) {
        var first = this;
        return new Coupling() {
            @Override
            public NDArray couple(final NDArray x0, final NDArray x1, final NDArray mask) {
                try (var paired = first.couple(x0, x1, mask)) {
                    return next.couple(paired, x1, mask);
                }
            }

            @Override
            public String describe() {
                return first.describe() + "+" + next.describe();
            }
        };
    }
}
