package dev.flowmatch.engine.train;

import java.util.Random;

import ai.djl.ndarray.NDArray;
import dev.flowmatch.engine.flow.GaussianPrior;
import dev.flowmatch.engine.flow.discrete.OneHot;
import dev.flowmatch.engine.flow.solver.LangevinCorrection;
import dev.flowmatch.engine.flow.solver.SolveOptions;
import dev.flowmatch.engine.model.DiscreteTypeJumps;
import dev.flowmatch.engine.model.NeuralVelocityField;
import dev.flowmatch.engine.model.StateLayout;
import dev.flowmatch.engine.model.VelocityTransformer;

/**
 * Where the sampling of one chunk of molecules starts: the noise state, the field over it and what the solver does
 * between its steps, as the model was trained. Gaussian type flow starts every channel from Gaussian noise;
 * discrete type flow starts the types uniformly at random and lets them jump between steps. Every random draw is a
 * function of (seed, chunk), so a chunk samples the same molecules whatever else is sampled.
 *
 * @param x0 the state at t = 0 [B, N, 3+K]
 * @param field the network's field over the chunk's mask
 * @param options trajectory recording and corrections between steps
 */
record ChunkStart(NDArray x0, NeuralVelocityField field, SolveOptions options) {

    static ChunkStart of(final VelocityTransformer network, final TrainingConfig training, final StateLayout layout,
        final NDArray mask, final long seed, final int chunk, final boolean trajectory,
        final FlowModel.Langevin langevin) {
        var rng = new Random(BatchPlan.mix(seed, chunk));
        var x0 = layout.noise(mask, rng);
        var types = training.discreteTypePath(layout.atomTypes());
        boolean discrete = types != null;
        var path = training.path().path();
        var field = new NeuralVelocityField(network, path, training.path().parametrization(), training.typeLoss(),
            layout.typeScale(), mask, discrete);
        var options = trajectory ? SolveOptions.none().withTrajectory() : SolveOptions.none();
        if (discrete) {
            x0 = StateLayout.coords(x0).concat(OneHot.encode(types.sampleNoise(mask, rng), mask, layout.atomTypes(),
                layout.typeScale()), 2);
            options = options.withNoise(new DiscreteTypeJumps(types, field, layout.typeScale(), mask,
                new Random(BatchPlan.mix(seed, -1_000_000L - chunk))));
        }
        if (langevin != null) {
            if (discrete) {
                throw new IllegalArgumentException("Langevin corrections move the Gaussian state; this model samples"
                    + " atom types as discrete jumps: turn the corrections off.");
            }
            options = options.withNoise(new LangevinCorrection(path, langevin.tStart(), langevin.tEnd(),
                langevin.strength(), new GaussianPrior(true), mask, new Random(BatchPlan.mix(seed, -1L - chunk))));
        }
        return new ChunkStart(x0, field, options);
    }
}
