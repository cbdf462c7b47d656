package dev.flowmatch.engine.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;

import dev.flowmatch.engine.compute.SeededInitializer;
import dev.flowmatch.engine.compute.TorchRuntime;
import dev.flowmatch.engine.encoder.MolecularGraph;
import dev.flowmatch.engine.encoder.NeuralEncoder;

/**
 * Trains a neural encoder's weights before they are frozen: a linear head on the molecule vector regresses
 * per-molecule targets (standardized column-wise on the training part), with AdamW, warm-up + cosine
 * learning rate and clipping; the head is discarded afterwards. With CDK descriptors and ECFP counts as
 * targets, molecules that share substructures and properties end up close in embedding space.
 */
public final class EncoderPretrainer {

    /**
     * @param steps optimizer steps
     * @param batchSize molecules per step
     * @param learningRate peak learning rate
     * @param validationFraction held-out share for the reported R²
     */
    public record Settings(int steps, int batchSize, double learningRate, double weightDecay, long seed,
        double validationFraction) {
        public Settings {
            if (steps < 1 || batchSize < 1 || !(learningRate > 0) || weightDecay < 0 || !(validationFraction > 0)
                || validationFraction >= 1) {
                throw new IllegalArgumentException("Invalid pretraining settings: " + this + ".");
            }
        }
    }

    /**
     * @param trainLoss mean loss of the last 10% of steps (standardized units)
     * @param validationR2 share of the targets' variance the head explains on held-out molecules
     * @param constantR2 the same for a constant (training mean) prediction: the baseline, ≤ 0
     */
    public record Result(double trainLoss, double validationR2, double constantR2, int trainMolecules,
        int validationMolecules, double seconds) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "train loss %.4f, validation R² %.3f (constant %.3f), %d/%d molecules, "
                + "%.0f s", trainLoss, validationR2, constantR2, trainMolecules, validationMolecules, seconds);
        }
    }

    private EncoderPretrainer() {
    }

    /**
     * @param graphs the molecules' graphs (with coordinates for a 3D encoder)
     * @param targets one target vector per molecule, all the same length
     */
    public static Result pretrain(final NeuralEncoder encoder, final List<MolecularGraph> graphs,
        final float[][] targets, final Settings settings, final Consumer<String> log) {
        long t0 = System.nanoTime();
        int width = targets[0].length;
        var split = TrainingData.split(graphs.size(), settings.validationFraction(), settings.seed());
        var train = split[0];
        var held = split[1];
        var statistics = columnStatistics(targets, train);
        var mean = statistics[0];
        var sd = statistics[1];
        // head and optimizer moments live in a scope of their own, freed when pretraining ends
        try (var manager = encoder.manager().newSubManager()) {
            var head = Linear.builder().setUnits(width).build();
            head.setInitializer(new SeededInitializer(BatchPlan.mix(settings.seed(), -11)), Parameter.Type.WEIGHT);
            head.initialize(manager, DataType.FLOAT32, new Shape(1, encoder.dimension()));
            var parameters = new ArrayList<Parameter>();
            encoder.network().getParameters().values().forEach(parameters::add);
            head.getParameters().values().forEach(parameters::add);
            var adam = new AdamW(parameters, manager);
            var store = new ParameterStore(manager, false);
            var plan = new BatchPlan(train.length, settings.batchSize(), settings.seed());
            int warmup = Math.max(1, settings.steps() / 20);
            double tail = 0;
            int tailCount = 0;
            for (int step = 0; step < settings.steps(); step++) {
                var idx = plan.indices(step);
                for (int j = 0; j < idx.length; j++) {
                    idx[j] = train[idx[j]];
                }
                double loss;
                try (var scope = manager.newSubManager()) {
                    var batch = select(graphs, idx);
                    var y = scope.create(standardized(targets, idx, mean, sd), new Shape(idx.length, width));
                    loss = TorchRuntime.collectGradients(collector -> {
                        var z = encoder.forward(store, scope, batch, true).get(0);
                        var l = head.forward(store, new NDList(z), true).head().sub(y).square().mean();
                        collector.backward(l);
                        return (double)l.getFloat();
                    });
                }
                double lr = TrainingConfig.warmupCosine(settings.learningRate(), warmup, settings.steps(), step);
                adam.step(step + 1, lr, settings.weightDecay(), 1.0);
                if (step >= settings.steps() * 9 / 10) {
                    tail += loss;
                    tailCount++;
                }
                if (log != null && ((step + 1) % 100 == 0 || step + 1 == settings.steps())) {
                    log.accept(String.format(Locale.ROOT, "step %d/%d loss %.4f lr %.2e", step + 1, settings.steps(),
                        loss, lr));
                }
            }
            double[] r2 = heldOutR2(encoder, head, store, graphs, targets, held, mean, sd);
            return new Result(tail / Math.max(1, tailCount), r2[0], r2[1], train.length, held.length,
                (System.nanoTime() - t0) / 1e9);
        }
    }

    /** R² of the head and of the constant training-mean prediction on the held-out molecules. */
    private static double[] heldOutR2(final NeuralEncoder encoder, final Linear head, final ParameterStore store,
        final List<MolecularGraph> graphs, final float[][] targets, final int[] held, final double[] mean,
        final double[] sd) {
        int width = mean.length;
        double residual = 0;
        double constant = 0;
        var heldMean = new double[width];
        for (int i : held) {
            for (int k = 0; k < width; k++) {
                heldMean[k] += (targets[i][k] - mean[k]) / sd[k] / held.length;
            }
        }
        double total = 0;
        for (int from = 0; from < held.length; from += 256) {
            var idx = java.util.Arrays.copyOfRange(held, from, Math.min(held.length, from + 256));
            try (var scope = encoder.manager().newSubManager()) {
                var z = encoder.forward(store, scope, select(graphs, idx), false).get(0);
                var p = head.forward(store, new NDList(z), false).head().toFloatArray();
                var y = standardized(targets, idx, mean, sd);
                for (int j = 0; j < y.length; j++) {
                    double e = p[j] - y[j];
                    residual += e * e;
                    constant += y[j] * y[j];
                    double c = y[j] - heldMean[j % width];
                    total += c * c;
                }
            }
        }
        return new double[] {1 - residual / total, 1 - constant / total};
    }

    /**
     * @param subset the rows to use, or null for all
     * @return {mean, standard deviation} of every column over the rows, ignoring non-finite values (CDK reports
     *         a descriptor it cannot compute as NaN); the deviation of a constant column is 1, so it stays 0 after
     *         centring
     */
    public static double[][] columnStatistics(final float[][] rows, final int[] subset) {
        int width = rows[0].length;
        var use = subset != null ? subset : java.util.stream.IntStream.range(0, rows.length).toArray();
        var mean = new double[width];
        var sd = new double[width];
        var count = new int[width];
        for (int i : use) {
            for (int k = 0; k < width; k++) {
                if (Float.isFinite(rows[i][k])) {
                    mean[k] += rows[i][k];
                    count[k]++;
                }
            }
        }
        for (int k = 0; k < width; k++) {
            mean[k] /= Math.max(1, count[k]);
        }
        for (int i : use) {
            for (int k = 0; k < width; k++) {
                if (Float.isFinite(rows[i][k])) {
                    sd[k] += (rows[i][k] - mean[k]) * (rows[i][k] - mean[k]);
                }
            }
        }
        for (int k = 0; k < width; k++) {
            double variance = sd[k] / Math.max(1, count[k]);
            sd[k] = variance > 1e-12 ? Math.sqrt(variance) : 1;
        }
        return new double[][] {mean, sd};
    }

    private static float[] standardized(final float[][] targets, final int[] idx, final double[] mean,
        final double[] sd) {
        int width = mean.length;
        var y = new float[idx.length * width];
        for (int j = 0; j < idx.length; j++) {
            for (int k = 0; k < width; k++) {
                y[j * width + k] = (float)((targets[idx[j]][k] - mean[k]) / sd[k]);
            }
        }
        return y;
    }

    private static List<MolecularGraph> select(final List<MolecularGraph> graphs, final int[] idx) {
        var out = new ArrayList<MolecularGraph>(idx.length);
        for (int i : idx) {
            out.add(graphs.get(i));
        }
        return out;
    }
}
