package dev.flowmatch.bench;

import java.nio.file.Files;
import java.util.Locale;

import dev.flowmatch.engine.pretrained.PretrainedModels;

/**
 * Samples a model shipped in the plugin at its recorded solver and steps and measures the molecules against
 * the held-out QM9 test set, as qm9-quality does.
 *
 * <p>Args: {@code --id qm9-h --samples 10000 [--update-card]}; with {@code --update-card} the measurement replaces
 * the metrics section of the model's card and the summary in the index (the model file is not touched).
 */
final class PretrainedQualityBenchmark implements Benchmarks.Benchmark {

    @Override
    public String run(final String[] args) throws Exception {
        String id = null;
        int samples = 10_000;
        boolean updateCard = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--id" -> id = args[++i];
                case "--samples" -> samples = Integer.parseInt(args[++i]);
                case "--update-card" -> updateCard = true;
                default -> throw new IllegalArgumentException("Unknown argument " + args[i]
                    + " (known: --id ID --samples M --update-card)");
            }
        }
        var shipped = PretrainedModels.list();
        var model = id == null ? shipped.get(0) : PretrainedModels.get(id);
        System.out.println("shipped model: " + model + ": " + model.summary());
        var sampler = Qm9Evaluation.Sampler.parse(model.solver().toLowerCase(Locale.ROOT) + model.steps());
        var file = Files.createTempFile("pretrained", ".zip");
        try {
            Files.write(file, PretrainedModels.bytes(model));
            var qm9 = Qm9Full.read();
            long t0 = System.nanoTime();
            var r = Qm9Evaluation.evaluate(file, sampler, samples, Qm9Evaluation.Reference.of(qm9));
            double seconds = (System.nanoTime() - t0) / 1e9;
            Qm9Evaluation.print(r);
            if (updateCard) {
                try (var m = dev.flowmatch.engine.train.FlowModel.load(file, ai.djl.Device.cpu())) {
                    ModelCard.update(model, ModelCard.summary(qm9.train().size(), m.summary().steps(),
                        m.training().batchSize(), samples, sampler.name(), r),
                        ModelCard.metricsSection(samples, qm9.test().size(), r));
                }
                System.out.println("updated the card and index entry of " + model.id());
            }
            return String.format(Locale.ROOT, "samples=%d nfe=%d %s seconds=%.1f id=%s", samples, r.nfe(),
                Qm9Evaluation.keyValues(r, Qm9Evaluation.LEADING), seconds, model.id()) + " "
                + Qm9Evaluation.keyValues(r, Qm9Evaluation.TRAILING);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
