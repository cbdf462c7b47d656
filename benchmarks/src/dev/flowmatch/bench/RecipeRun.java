package dev.flowmatch.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import ai.djl.Device;
import dev.flowmatch.engine.chem.PointCloud;
import dev.flowmatch.engine.train.Checkpoint;
import dev.flowmatch.engine.train.Conditions;
import dev.flowmatch.engine.train.FlowModel;
import dev.flowmatch.engine.train.Representation;
import dev.flowmatch.engine.train.StepMetrics;
import dev.flowmatch.engine.train.Trainer;
import dev.flowmatch.engine.train.TrainingConfig;
import dev.flowmatch.engine.train.TrainingData;
import dev.flowmatch.engine.train.TrainingListener;
import dev.flowmatch.engine.train.ValidationMetrics;
import dev.flowmatch.engine.train.WarmStart;

/**
 * Trains one recipe on QM9 into its own folder, resumable: a checkpoint every {@link #CHECKPOINT_EVERY}
 * steps (written to a temporary file, then moved), the validation curve appended to {@code curve.csv}, the
 * training seconds so far in {@code train-seconds.txt}; the final EMA model is {@code model.zip}. Killed
 * and started again, it continues from the last checkpoint with the same batches, noise and times. Every
 * {@link #SNAPSHOT_EVERY} steps before the last it also keeps the EMA model as {@code model-at-STEP.zip}, so a long
 * run gives a learning curve of sample metrics ({@code qm9-quality --at STEP}).
 */
final class RecipeRun {

    static final int CHECKPOINT_EVERY = 500;

    static final int SNAPSHOT_EVERY = 5000;

    /** @return the EMA model kept at a step of a longer run */
    static Path snapshot(final Path dir, final int step) {
        return dir.resolve("model-at-" + step + ".zip");
    }

    /** @return where the search keeps its runs: $FLOWMATCH_RUNS/qm9-quality, default ~/flowmatch-runs/qm9-quality */
    static Path runsRoot() {
        var env = System.getenv("FLOWMATCH_RUNS");
        return (env != null ? Path.of(env) : Path.of(System.getProperty("user.home"), "flowmatch-runs"))
            .resolve("qm9-quality");
    }

    /** @return the run folder of a recipe, seed and step count under the runs root */
    static Path folder(final Path runs, final Qm9Recipes.Recipe recipe, final long seed, final int steps) {
        return runs.resolve(String.format(Locale.ROOT, "%s-seed%d-%d", recipe.name(), seed, steps));
    }

    /** @return the trained model file (trained now unless it exists) */
    static Path train(final Qm9Recipes.Recipe recipe, final Qm9Full qm9, final int steps, final long seed,
        final Path dir) throws IOException {
        return train(recipe, qm9, steps, seed, dir, null);
    }

    /** Property values of QM9's training and validation molecules, and the conditions a network learns them as. */
    record Conditioned(Conditions conditions, double[][] train, double[][] validation) {
    }

    /**
     * Fine-tuning: the run starts from a trained model's weights ({@link WarmStart}) at its own peak learning rate
     * (a trained network does not need, and would be shaken by, the recipe's from-scratch rate).
     */
    record FineTune(Path base, double learningRate) {
    }

    /**
     * As above, the network conditioned on properties when {@code conditioned} is given (checkpoints keep the
     * conditions, so a resumed run stays conditioned).
     */
    static Path train(final Qm9Recipes.Recipe recipe, final Qm9Full qm9, final int steps, final long seed,
        final Path dir, final Conditioned conditioned) throws IOException {
        return train(recipe, qm9, steps, seed, dir, conditioned, null);
    }

    /** As above, started from a trained model when {@code fineTune} is given (null: from random weights). */
    static Path train(final Qm9Recipes.Recipe recipe, final Qm9Full qm9, final int steps, final long seed,
        final Path dir, final Conditioned conditioned, final FineTune fineTune) throws IOException {
        var model = dir.resolve("model.zip");
        if (Files.exists(model)) {
            System.out.println("model exists: " + model + " (trained " + trainSeconds(dir) + " s)");
            return model;
        }
        Files.createDirectories(dir);
        var checkpoint = dir.resolve("checkpoint.zip");
        var recipeData = data(recipe, qm9, dir.getParent());
        var data = conditioned == null ? recipeData
            : new RecipeData(recipeData.data().withConditions(conditioned.train(), conditioned.validation()),
                recipeData.repaDim());
        Trainer trainer;
        if (Files.exists(checkpoint)) {
            trainer = Checkpoint.load(checkpoint, Device.cpu());
            System.out.println("resuming " + dir.getFileName() + " at step " + trainer.step());
        } else {
            var config = recipe.training(steps, seed);
            if (fineTune != null) {
                config = config.withBatch(config.batchSize(), fineTune.learningRate(), config.warmupSteps());
            }
            trainer = newTrainer(recipe, qm9, config, data.repaDim(), conditioned == null ? null
                : conditioned.conditions());
            if (fineTune != null) {
                try (var base = FlowModel.load(fineTune.base(), Device.cpu())) {
                    WarmStart.from(base, trainer);
                }
                System.out.println("fine-tuning from " + fineTune.base() + " at peak learning rate "
                    + fineTune.learningRate());
            }
            Files.writeString(dir.resolve("curve.csv"), "step,validation_loss,coord_loss,type_loss,cosine\n");
        }
        try (trainer) {
            var padding = trainer.paddingOf(data.data(), Math.min(steps, 1000));
            System.out.printf(Locale.ROOT, "recipe %s (%s), seed %d, %d steps; %,d parameters; padding waste %.1f%%"
                + " (first 1,000 batches)%n", recipe.name(), recipe.change(), seed, steps,
                trainer.model().parameterCount(), 100 * (1 - padding[0] / (double)padding[1]));
            var curve = dir.resolve("curve.csv");
            var listener = new TrainingListener() {
                @Override
                public void onStep(final StepMetrics m, final int total) {
                    if (m.step() % 100 == 0) {
                        System.out.printf(Locale.ROOT, "step %6d  loss %.4f  %.0f ms%n", m.step(), m.loss(),
                            1000 * m.seconds());
                    }
                }

                @Override
                public void onValidation(final ValidationMetrics v) {
                    System.out.printf(Locale.ROOT, "  validation at %d: loss %.4f (coords %.4f, types %.4f%s)%n",
                        v.step(), v.loss(), v.coordLoss(), v.typeLoss(), Double.isNaN(v.cosine()) ? ""
                            : String.format(Locale.ROOT, ", alignment cosine %.4f", v.cosine()));
                    append(curve, String.format(Locale.ROOT, "%d,%.6f,%.6f,%.6f,%.6f%n", v.step(), v.loss(),
                        v.coordLoss(), v.typeLoss(), v.cosine()));
                }
            };
            while (trainer.step() < steps) {
                long t0 = System.nanoTime();
                trainer.train(data.data(), listener, Math.min(steps, (trainer.step() / CHECKPOINT_EVERY + 1)
                    * CHECKPOINT_EVERY));
                double seconds = trainSeconds(dir) + (System.nanoTime() - t0) / 1e9;
                var tmp = dir.resolve("checkpoint.zip.tmp");
                Checkpoint.save(trainer, tmp);
                Files.move(tmp, checkpoint, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                Files.writeString(dir.resolve("train-seconds.txt"), String.format(Locale.ROOT, "%.1f%n", seconds));
                int at = trainer.step();
                if (at % SNAPSHOT_EVERY == 0 && at < steps && !Files.exists(snapshot(dir, at))) {
                    save(trainer, recipe, qm9, conditioned, snapshot(dir, at));
                }
            }
            save(trainer, recipe, qm9, conditioned, model);
            System.out.printf(Locale.ROOT, "trained %s in %.0f s%n", dir.getFileName(), trainSeconds(dir));
        }
        return model;
    }

    /**
     * Writes the trainer's EMA model (through a temporary file). A conditioned run resumed from a checkpoint written
     * before conditions carried p(N | c) gets it here, learnt from the same training molecules.
     */
    private static void save(final Trainer trainer, final Qm9Recipes.Recipe recipe, final Qm9Full qm9,
        final Conditioned conditioned, final Path file) throws IOException {
        var part = file.resolveSibling(file.getFileName() + ".tmp");
        try (var flow = FlowModel.of(trainer, recipe.repa() == null ? "" : recipe.repa().encoder(), Device.cpu())) {
            if (conditioned != null && flow.conditions().atomCounts() == null) {
                flow.learnAtomCounts(qm9.train().stream().mapToInt(PointCloud::size).toArray(), conditioned.train());
            }
            flow.save(part);
        }
        Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
    }

    /** A recipe's training data: REPA targets attached (and centred when it centres them) when it uses REPA. */
    record RecipeData(TrainingData data, int repaDim) {
    }

    /** @param runs where the encoder targets are cached ({@link Qm9Embeddings}) */
    static RecipeData data(final Qm9Recipes.Recipe recipe, final Qm9Full qm9, final Path runs) throws IOException {
        if (recipe.repa() == null) {
            return new RecipeData(qm9.data(), 0);
        }
        var targets = Qm9Embeddings.of(recipe.repa().encoder(), qm9, runs);
        var data = new TrainingData(qm9.train(), qm9.validation(), () -> targets[0], () -> targets[1]);
        return new RecipeData(recipe.repa().targets(data), targets[0][0].length);
    }

    /** @return a fresh trainer of the recipe's network over QM9's vocabulary with the given schedule */
    static Trainer newTrainer(final Qm9Recipes.Recipe recipe, final Qm9Full qm9, final TrainingConfig config,
        final int repaDim) {
        return newTrainer(recipe, qm9, config, repaDim, null);
    }

    /** As above, conditioned on {@code conditions} (null: unconditional). */
    static Trainer newTrainer(final Qm9Recipes.Recipe recipe, final Qm9Full qm9, final TrainingConfig config,
        final int repaDim, final Conditions conditions) {
        var rep = Representation.of(qm9.all().vocabulary().tokens(), true, qm9.train(), Double.NaN, 1.0);
        var architecture = recipe.architecture(rep.vocabulary().size(), rep.coordScale())
            .withConditions(conditions == null ? 0 : conditions.size());
        return new Trainer(rep, architecture, config, repaDim, Device.cpu(), conditions);
    }

    /** @return training seconds recorded so far in a run folder (0 if none) */
    static double trainSeconds(final Path dir) throws IOException {
        var f = dir.resolve("train-seconds.txt");
        return Files.exists(f) ? Double.parseDouble(Files.readString(f).trim()) : 0;
    }

    /**
     * Reads a run's {@code curve.csv} (written above; runs before the REPA study have no cosine column).
     *
     * @return {step, validation loss, alignment cosine or NaN}, the last entry per step (a resumed run may
     *         repeat steps); empty when the file does not exist
     */
    static List<double[]> readCurve(final Path csv) throws IOException {
        var byStep = new TreeMap<Integer, double[]>();
        if (!Files.exists(csv)) {
            return List.of();
        }
        for (var line : Files.readAllLines(csv)) {
            var p = line.split(",");
            if (p.length < 2 || p[0].isEmpty() || !Character.isDigit(p[0].charAt(0))) {
                continue;
            }
            double cosine = p.length > 4 && !p[4].isBlank() ? Double.parseDouble(p[4]) : Double.NaN;
            byStep.put(Integer.parseInt(p[0]), new double[]{Integer.parseInt(p[0]), Double.parseDouble(p[1]), cosine});
        }
        return new ArrayList<>(byStep.values());
    }

    /**
     * @return the key=value pairs of a recorded evaluation line ({@code eval-*.txt}, qm9-quality's summary), keys
     *         of lines recorded before EDM's rule under their present names ({@link Qm9Evaluation#RENAMED_KEYS})
     */
    static Map<String, String> parseEvaluation(final String line) {
        var kv = new LinkedHashMap<String, String>();
        for (var token : line.trim().replaceFirst("^qm9-quality: ", "").split("\\s+")) {
            int eq = token.indexOf('=');
            if (eq > 0) {
                var key = token.substring(0, eq);
                kv.put(Qm9Evaluation.RENAMED_KEYS.getOrDefault(key, key), token.substring(eq + 1));
            }
        }
        return kv;
    }

    private static void append(final Path file, final String line) {
        try {
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private RecipeRun() {
    }
}
