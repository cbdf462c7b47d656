package dev.flowmatch.engine.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import ai.djl.ndarray.types.Shape;

import dev.flowmatch.engine.chem.PointCloud;
import dev.flowmatch.engine.flow.solver.OdeSolver;
import dev.flowmatch.engine.flow.solver.TimeGrid;
import dev.flowmatch.engine.model.ConditionInput;

/**
 * Sampling a model in chunks: the requests sorted by atom count so a chunk pads little, each chunk integrated from
 * its own seeded noise ({@link ChunkStart}), results returned in the order requested.
 */
final class ChunkedGeneration {

    /**
     * Most atom pairs a sampling chunk holds (64 molecules of 64 atoms): larger molecules are integrated in smaller
     * chunks, so memory stays bounded whatever size a model file allows (a 1,024-atom molecule goes alone).
     */
    static final long PAIRS_PER_CHUNK = 64L * 64 * 64;

    private ChunkedGeneration() {
    }

    static FlowModel.Generated run(final FlowModel model, final int[] atomCounts, final OdeSolver solver,
        final TimeGrid grid, final long seed, final int chunk, final boolean trajectory, final int firstNumber,
        final FlowModel.Langevin langevin, final PropertyTargets targets) {
        var representation = model.representation();
        for (int i = 0; i < atomCounts.length; i++) {
            if (atomCounts[i] < 1 || atomCounts[i] > representation.maxAtoms()) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Molecule %d: %d atoms requested; this model generates 1 to %d.", i + 1, atomCounts[i],
                    representation.maxAtoms()));
            }
        }
        var standardized = standardized(model.conditions(), targets, atomCounts.length);
        // Stable sort of the request indices by atom count (ties keep their order).
        var order = java.util.stream.IntStream.range(0, atomCounts.length).boxed()
            .sorted(java.util.Comparator.comparingInt(i -> atomCounts[i])).mapToInt(Integer::intValue).toArray();
        var layout = representation.layout();
        var out = new PointCloud[atomCounts.length];
        @SuppressWarnings("unchecked")
        List<FlowModel.Frame>[] paths = new List[atomCounts.length];
        int nfe = 0;
        for (int start = 0, end, c = 0; start < order.length; start = end, c++) {
            end = chunkEnd(atomCounts, order, start, chunk);
            int n = atomCounts[order[end - 1]];
            try (var scope = model.manager().newSubManager()) {
                var maskValues = new float[(end - start) * n];
                for (int i = start; i < end; i++) {
                    java.util.Arrays.fill(maskValues, (i - start) * n, (i - start) * n + atomCounts[order[i]], 1f);
                }
                var mask = scope.create(maskValues, new Shape(end - start, n));
                var setup = ChunkStart.of(model.network(), model.training(), layout, mask, seed, c, trajectory,
                    langevin);
                if (standardized != null) {
                    var rows = new float[end - start][];
                    for (int i = start; i < end; i++) {
                        rows[i - start] = standardized[order[i]];
                    }
                    setup.field().conditionedOn(ConditionInput.of(scope, rows, model.conditions().size()),
                        targets.guidance());
                }
                var sol = solver.integrate(setup.field(), setup.x0(), grid, setup.options());
                nfe = Math.max(nfe, sol.nfe());
                var clouds = layout.decode(sol.x(), mask, "", 0);
                for (int i = start; i < end; i++) {
                    out[order[i]] = titled(clouds.get(i - start), firstNumber + order[i]);
                }
                if (trajectory && sol.trajectory() != null) {
                    var perFrame = new ArrayList<List<PointCloud>>();
                    for (var frame : sol.trajectory()) {
                        perFrame.add(layout.decode(frame, mask, "", 0));
                    }
                    for (int i = start; i < end; i++) {
                        var frames = new ArrayList<FlowModel.Frame>(perFrame.size());
                        for (int f = 0; f < perFrame.size(); f++) {
                            frames.add(new FlowModel.Frame(sol.trajectoryTimes()[f],
                                titled(perFrame.get(f).get(i - start), firstNumber + order[i])));
                        }
                        paths[order[i]] = frames;
                    }
                }
            }
        }
        return new FlowModel.Generated(List.of(out), nfe, trajectory
            ? java.util.Arrays.stream(paths).filter(p -> p != null).toList() : List.of());
    }

    /**
     * @param order request indices sorted by atom count
     * @return where the chunk starting at {@code start} ends: at most {@code chunk} molecules, fewer when their atom
     *         pairs (the largest molecule's count squared, per molecule) would pass {@link #PAIRS_PER_CHUNK}, at
     *         least one
     */
    static int chunkEnd(final int[] atomCounts, final int[] order, final int start, final int chunk) {
        int end = Math.min(order.length, start + chunk);
        while (end - start > 1 && (long)(end - start) * atomCounts[order[end - 1]] * atomCounts[order[end - 1]]
            > PAIRS_PER_CHUNK) {
            end--; // pair features and attention grow with the square of the atom count
        }
        return end;
    }

    /** @return per molecule the standardised targets (null: unconditional), or null when nothing is conditioned */
    private static float[][] standardized(final Conditions conditions, final PropertyTargets targets,
        final int molecules) {
        if (targets == null) {
            return null;
        }
        if (conditions == null) {
            throw new IllegalArgumentException("This model is not conditioned on properties; it cannot take targets.");
        }
        if (targets.values().length != molecules) {
            throw new IllegalArgumentException("Property targets: " + targets.values().length + " rows for "
                + molecules + " molecules.");
        }
        var out = new float[molecules][];
        for (int i = 0; i < molecules; i++) {
            var row = targets.values()[i];
            if (row != null && row.length != conditions.size()) {
                throw new IllegalArgumentException("Property targets of molecule " + (i + 1) + ": " + row.length
                    + " values; the model is conditioned on " + conditions.names() + ".");
            }
            out[i] = conditions.standardize(row);
        }
        return out;
    }

    private static PointCloud titled(final PointCloud c, final int number) {
        return new PointCloud(c.types(), c.coords(), "generated " + number);
    }
}
