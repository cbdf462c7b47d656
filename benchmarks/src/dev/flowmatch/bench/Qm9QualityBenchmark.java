package dev.flowmatch.bench;

import java.nio.file.Path;
import java.util.Locale;

import dev.flowmatch.engine.compute.TorchRuntime;

/**
 * The QM9 recipe search: trains a recipe ({@link Qm9Recipes}) for a fixed number of steps on the whole QM9
 * training split (explicit H), samples molecules with at most 50 network evaluations and measures them as
 * papers do against the held-out test molecules.
 *
 * <p>Args: {@code --recipe baseline --steps 5000 --samples 2000 --seed 1 --sampler heun25 --runs DIR
 * --train-only}. Runs live in {@code --runs} (default {@code $FLOWMATCH_RUNS} or
 * {@code ~/flowmatch-runs/qm9-quality}), one folder per recipe, seed and step count, and resume from their
 * last checkpoint.
 */
final class Qm9QualityBenchmark implements Benchmarks.Benchmark {

    @Override
    public String run(final String[] args) throws Exception {
        String recipeName = "baseline";
        int steps = 5000;
        int samples = 2000;
        long seed = 1;
        String sampler = "heun25";
        boolean trainOnly = false;
        int at = 0;
        Path runs = RecipeRun.runsRoot();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--recipe" -> recipeName = args[++i];
                case "--steps" -> steps = Integer.parseInt(args[++i]);
                case "--samples" -> samples = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--sampler" -> sampler = args[++i];
                case "--runs" -> runs = Path.of(args[++i]);
                case "--train-only" -> trainOnly = true;
                case "--at" -> at = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("Unknown argument " + args[i] + " (known: --recipe "
                    + Qm9Recipes.ALL.keySet() + " --steps N --samples M --seed S --sampler NAME --runs DIR"
                    + " --train-only --at STEP)");
            }
        }
        var recipe = Qm9Recipes.get(recipeName);
        System.out.println(TorchRuntime.describe());
        var qm9 = Qm9Full.read();
        var dir = RecipeRun.folder(runs, recipe, seed, steps);
        java.nio.file.Path model;
        if (at > 0) { // a snapshot of this run's EMA model at an earlier step (its learning curve): evaluation only,
            // so it may run beside the training that is still writing the run (it never trains into the folder)
            model = RecipeRun.snapshot(dir, at);
            if (!java.nio.file.Files.exists(model)) {
                throw new IllegalArgumentException("Run " + dir.getFileName() + " kept no model at step " + at
                    + " (snapshots every " + RecipeRun.SNAPSHOT_EVERY + " steps before the last).");
            }
        } else {
            model = RecipeRun.train(recipe, qm9, steps, seed, dir);
        }
        double trainSeconds = RecipeRun.trainSeconds(dir);
        if (trainOnly) {
            return String.format(Locale.ROOT, "steps=%d train_s=%.0f model=%s", steps, trainSeconds, model);
        }
        var recorded = dir.resolve("eval-" + sampler + "-" + samples + (at > 0 ? "-at-" + at : "") + ".txt");
        if (java.nio.file.Files.exists(recorded)) { // a queue started again (a new session) does not sample twice
            var line = java.nio.file.Files.readString(recorded).trim();
            if (line.contains("mol_stable_edm=")) {
                System.out.println("evaluation exists: " + recorded);
                return line;
            }
            // recorded before EDM's rule was computed: kept beside, and measured again
            java.nio.file.Files.move(recorded, recorded.resolveSibling(recorded.getFileName() + ".perceived-only"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        var reference = Qm9Evaluation.Reference.of(qm9);
        var r = Qm9Evaluation.evaluate(model, Qm9Evaluation.Sampler.parse(sampler), samples, reference);
        Qm9Evaluation.print(r);
        var line = String.format(Locale.ROOT, "steps=%d nfe=%d %s train_s=%.0f sample_s=%.1f %s recipe=%s seed=%d"
            + " sampler=%s samples=%d", steps, r.nfe(), Qm9Evaluation.keyValues(r, Qm9Evaluation.LEADING),
            trainSeconds, r.sampleSeconds(), Qm9Evaluation.keyValues(r, Qm9Evaluation.TRAILING), recipe.name(), seed,
            sampler, samples) + (at > 0 ? " at=" + at : "");
        java.nio.file.Files.writeString(recorded, line + "\n");
        return line;
    }
}
