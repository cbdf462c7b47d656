package dev.flowmatch.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import dev.flowmatch.engine.train.StepMetrics;
import dev.flowmatch.engine.train.Trainer;
import dev.flowmatch.engine.train.TrainingData;
import dev.flowmatch.engine.train.TrainingListener;

/**
 * What a REPA step costs over a plain step, so that the study's step savings can be read per CPU-hour. Every
 * arm of the REPA study gets its own trainer on QM9 with the study's recipe and seed; they train in
 * alternating blocks (the order rotates each round, so drift of the shared machine hits all arms alike).
 * Same seed means same batches, times and noise, so step k of every arm sees the same molecules: each REPA
 * step is divided by the plain step of the same index, and the median of those paired ratios is the cost.
 * Step times are the trainer's own (batch, forward, backward, optimizer, EMA; no validation). The one-time
 * cost of embedding the training molecules is not included (28 s for 117,744 molecules with SchNet).
 *
 * <p>Args: {@code --arms beta-lr2e-3,repa-mpnn,repa-schnet,repa-mpnn-late --steps 400 --block 25 --warmup 50}
 * (the first arm is the reference).
 */
final class RepaStepCostBenchmark implements Benchmarks.Benchmark {

    @Override
    public String run(final String[] args) throws Exception {
        var arms = RepaStudyBenchmark.ARMS;
        int steps = 400;
        int block = 25;
        int warmup = 50;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--arms" -> arms = List.of(args[++i].split(","));
                case "--steps" -> steps = Integer.parseInt(args[++i]);
                case "--block" -> block = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("Unknown argument " + args[i]
                    + " (known: --arms A,B,... --steps N --block S --warmup W)");
            }
        }
        if (block < 1 || steps < block || arms.size() < 2) {
            throw new IllegalArgumentException("Need two or more arms, --block ≥ 1 and --steps ≥ --block.");
        }
        var qm9 = Qm9Full.read();
        var trainers = new ArrayList<Trainer>();
        var data = new ArrayList<TrainingData>();
        var seconds = new double[arms.size()][warmup + steps];
        try {
            for (var name : arms) {
                var recipe = Qm9Recipes.get(name);
                var d = RecipeRun.data(recipe, qm9, RecipeRun.runsRoot());
                // The study's schedule (20,000 steps, seed 1); validation only at the end, which is never reached.
                trainers.add(RecipeRun.newTrainer(recipe, qm9, recipe.training(20000, 1).withValidation(0),
                    d.repaDim()));
                data.add(d.data());
            }
            int total = warmup + steps;
            for (int round = 0; trainers.get(0).step() < total; round++) {
                for (int k = 0; k < arms.size(); k++) {
                    int a = (k + round) % arms.size();
                    var trainer = trainers.get(a);
                    var times = seconds[a];
                    trainer.train(data.get(a), new TrainingListener() {
                        @Override
                        public void onStep(final StepMetrics m, final int all) {
                            times[m.step() - 1] = m.seconds();
                        }
                    }, Math.min(total, trainer.step() + block));
                }
            }
        } finally {
            trainers.forEach(Trainer::close);
        }
        return report(arms, seconds, warmup);
    }

    private static String report(final List<String> arms, final double[][] seconds, final int warmup) {
        var summary = new StringBuilder();
        System.out.println("| arm | median ms per step | median of paired ratio to " + arms.get(0)
            + " (quartiles) |");
        System.out.println("|---|---|---|");
        var reference = Arrays.copyOfRange(seconds[0], warmup, seconds[0].length);
        for (int a = 0; a < arms.size(); a++) {
            var own = Arrays.copyOfRange(seconds[a], warmup, seconds[a].length);
            var ratios = new double[own.length];
            for (int k = 0; k < own.length; k++) {
                ratios[k] = own[k] / reference[k];
            }
            Arrays.sort(ratios);
            double median = Timing.median(ratios);
            System.out.printf(Locale.ROOT, "| %s | %.1f | %.3f (%.3f–%.3f) |%n", arms.get(a),
                1000 * Timing.median(own), median, ratios[ratios.length / 4], ratios[3 * ratios.length / 4]);
            summary.append(String.format(Locale.ROOT, "%s_ms=%.1f ", arms.get(a), 1000 * Timing.median(own)));
            if (a > 0) {
                summary.append(String.format(Locale.ROOT, "%s_ratio=%.3f ", arms.get(a), median));
            }
        }
        return String.format(Locale.ROOT, "steps=%d threads=%d %s", reference.length,
            Integer.getInteger("ai.djl.pytorch.num_threads", 2), summary.toString().trim());
    }
}
