package dev.flowmatch.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;

import ai.djl.Device;
import dev.flowmatch.engine.compute.ZipArchive;
import dev.flowmatch.engine.pretrained.PretrainedModel;
import dev.flowmatch.engine.train.FlowModel;

/**
 * Puts a trained QM9 model into the plugin: measures it on {@code --samples} molecules against the held-out
 * QM9 test set (as qm9-quality), writes its EMA weights, a model card with data, recipe, steps, metrics and
 * date, and its entry (with SHA-256) in the pretrained models' index under
 * {@code plugin/src/main/resources/dev/flowmatch/engine/pretrained/}. A model conditioned on TPSA and logP also
 * gets its conditioning measured on {@code --conditional-samples} held-out targets ({@link ConditionalCard}).
 *
 * <p>Args: {@code --model FILE --id qm9-h --title "QM9 with hydrogens" --sampler heun25 --samples 10000
 * --recipe NAME [--conditional-samples 2000]}.
 */
final class ShipModelBenchmark implements Benchmarks.Benchmark {

    static final Path DIR = ModelCard.DIR;

    @Override
    public String run(final String[] args) throws Exception {
        Path model = null;
        String id = "qm9-h";
        String title = "QM9, explicit hydrogens";
        String sampler = "heun25";
        String recipe = "?";
        int samples = 10_000;
        int conditionalSamples = 2_000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--model" -> model = Path.of(args[++i]);
                case "--id" -> id = args[++i];
                case "--title" -> title = args[++i];
                case "--sampler" -> sampler = args[++i];
                case "--samples" -> samples = Integer.parseInt(args[++i]);
                case "--recipe" -> recipe = args[++i];
                case "--conditional-samples" -> conditionalSamples = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("Unknown argument " + args[i] + " (known: --model FILE"
                    + " --id ID --title T --sampler heun25 --samples N --recipe NAME --conditional-samples N)");
            }
        }
        if (model == null) {
            throw new IllegalArgumentException("--model FILE is required");
        }
        var s = Qm9Evaluation.Sampler.parse(sampler);
        var qm9 = Qm9Full.read();
        var reference = Qm9Evaluation.Reference.of(qm9);
        var result = Qm9Evaluation.evaluate(model, s, samples, reference);
        Qm9Evaluation.print(result);
        Files.createDirectories(DIR);
        var file = id + ".zip";
        var tmp = DIR.resolve(file + ".tmp");
        String describe;
        int steps;
        String training;
        int batch;
        ConditionalCard.Section conditioning;
        // a run trained elsewhere (the PyTorch twin on a lent GPU, TwinTraining) says so beside its model file
        var trainedOn = model.resolveSibling("trained-on.txt");
        try (var m = FlowModel.load(model, Device.cpu())) {
            m.save(tmp, false);
            describe = m.describe();
            steps = m.summary().steps();
            training = String.format(Locale.ROOT, "%,d steps of %d molecules, peak learning rate %s, EMA %s,"
                + " %.0f s on %s", steps, m.training().batchSize(), m.training().learningRate(),
                m.training().emaDecay(), m.summary().seconds(), Files.exists(trainedOn)
                    ? Files.readString(trainedOn).trim() : "this engine (CPU)");
            batch = m.training().batchSize();
            conditioning = ConditionalCard.measure(m, qm9, reference, conditionalSamples);
        }
        Files.move(tmp, DIR.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        var bytes = Files.readAllBytes(DIR.resolve(file));
        var sha = ZipArchive.sha256(bytes);
        var summary = ModelCard.summary(qm9.train().size(), steps, batch, samples, sampler, result)
            + (conditioning == null ? "" : conditioning.summary());
        var card = new StringBuilder();
        card.append("# ").append(title).append(" (`").append(id).append("`)\n\n");
        card.append("Written by `benchmarks/run ship-model` on ").append(LocalDate.now()).append(".\n\n");
        card.append("- **Data**: QM9 (`../shared/data/qm9/qm9_3d.xyz.xz`), explicit hydrogens, canonical atom order;")
            .append(String.format(Locale.ROOT, " %,d training molecules, %,d held out for validation, %,d for the"
                + " test metrics below (`Qm9Full`, seed 1).%n", qm9.train().size(), qm9.validation().size(),
                qm9.test().size()));
        card.append("- **Recipe**: `").append(recipe).append("` (`benchmarks/src/dev/flowmatch/bench/Qm9Recipes.java`);"
            + " the model's own description:\n\n```\n").append(describe).append("\n```\n\n");
        card.append("- **Training**: ").append(training).append(".\n");
        card.append(String.format(Locale.ROOT, "- **Sampling**: %s, %d steps (%d network evaluations).%n", s.kind(),
            s.steps(), result.nfe()));
        if (conditioning != null) { // before the metrics: pretrained-quality rewrites the card from them on
            card.append(conditioning.markdown());
        }
        card.append(ModelCard.metricsSection(samples, qm9.test().size(), result));
        Files.writeString(DIR.resolve(id + ".md"), card.toString(), StandardCharsets.UTF_8);
        var entry = new PretrainedModel(id, title, file, id + ".md", sha, s.kind().name(), s.steps(), summary);
        ModelCard.index(entry);
        System.out.println(summary);
        return String.format(Locale.ROOT, "id=%s bytes=%d sha256=%s %s%s", id, bytes.length, sha,
            Qm9Evaluation.keyValues(result, Qm9Evaluation.LEADING), conditioning == null ? ""
                : " " + conditioning.keyValues());
    }
}
