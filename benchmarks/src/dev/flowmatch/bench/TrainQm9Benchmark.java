package dev.flowmatch.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import ai.djl.Device;
import dev.flowmatch.engine.compute.TorchRuntime;
import dev.flowmatch.engine.encoder.CountFingerprintEncoder;
import dev.flowmatch.engine.encoder.DefaultEncoders;
import dev.flowmatch.engine.encoder.DescriptorEncoder;
import dev.flowmatch.engine.encoder.FrozenEncoder;
import dev.flowmatch.engine.encoder.MaccsEncoder;
import dev.flowmatch.engine.model.ModelConfig;
import dev.flowmatch.engine.model.RepaLoss;
import dev.flowmatch.engine.train.RepaConfig;
import dev.flowmatch.engine.train.Representation;
import dev.flowmatch.engine.train.StepMetrics;
import dev.flowmatch.engine.train.Trainer;
import dev.flowmatch.engine.train.TrainingConfig;
import dev.flowmatch.engine.train.TrainingData;
import dev.flowmatch.engine.train.TrainingListener;

/**
 * Trains the default velocity transformer on QM9 (explicit H) for a time budget or a step count and reports
 * speed, validation loss and resident memory (measured after the first 100 steps, when allocations have
 * settled, and at the end). With {@code --repa λ} the REPA term aligns block {@code --layer} with ECFP4
 * count vectors (256) of the clean molecules, inside the window [--window, 1], and the validation alignment
 * cosine is reported (ECFP radius and length with --radius and --bits; another frozen encoder with
 * --encoder), with the cosine a constant
 * projector would reach (validation targets against the mean training target) for comparison. benchmarks/run gives this benchmark a fixed, pre-touched 4 GB heap, so that the change in
 * resident memory is the change in native (libtorch) memory, not the JVM growing its heap.
 *
 * <p>Args: {@code --minutes 8 --steps 2000 --molecules 20000 --batch 64 --repa 0 --layer 2 --window 0}.
 */
final class TrainQm9Benchmark implements Benchmarks.Benchmark {

    private static final int EVERY = Integer.getInteger("flowmatch.bench.every", 250);

    @Override
    public String run(final String[] args) throws Exception {
        double minutes = 8;
        int steps = 2000;
        int molecules = 20000;
        int batch = 64;
        double lambda = 0;
        int layer = 2;
        double window = 0;
        int radius = 2;
        int bits = 256;
        String encoderName = "ecfp";
        String buckets = "compare";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--buckets" -> buckets = args[++i];
                case "--minutes" -> minutes = Double.parseDouble(args[++i]);
                case "--steps" -> steps = Integer.parseInt(args[++i]);
                case "--molecules" -> molecules = Integer.parseInt(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--repa" -> lambda = Double.parseDouble(args[++i]);
                case "--layer" -> layer = Integer.parseInt(args[++i]);
                case "--window" -> window = Double.parseDouble(args[++i]);
                case "--radius" -> radius = Integer.parseInt(args[++i]);
                case "--bits" -> bits = Integer.parseInt(args[++i]);
                case "--encoder" -> encoderName = args[++i];
                default -> throw new IllegalArgumentException("Unknown argument " + args[i] + " (known: --minutes M"
                    + " --steps N --molecules N --batch B --repa λ --layer K --window T --radius R --bits E --encoder ecfp|maccs|descriptors|mpnn|schnet"
                    + " --buckets compare|on|off)");
            }
        }
        long t0 = System.nanoTime();
        var qm9 = Qm9Split.spread(molecules);
        var train = qm9.train();
        var val = qm9.validation();
        System.out.printf(Locale.ROOT, "QM9: %d training and %d validation molecules (every %d-th record), read in %.0f s;"
            + " %s%n", train.size(), val.size(), qm9.stride(), (System.nanoTime() - t0) / 1e9, TorchRuntime.describe());

        var rep = Representation.of(qm9.all().vocabulary().tokens(), true, train, Double.NaN, 1.0);
        var arch = ModelConfig.defaults(rep.vocabulary().size());
        var repa = lambda > 0 ? RepaConfig.of(lambda, layer).withWindow(window, 1) : RepaConfig.off();
        var cfg = TrainingConfig.defaults(steps).withBatch(batch, 5e-4, 200).withValidation(250).withRepa(repa);
        FrozenEncoder encoder = switch (encoderName) {
            case "ecfp" -> new CountFingerprintEncoder(radius, bits);
            case "maccs" -> new MaccsEncoder();
            case "descriptors" -> DescriptorEncoder.standardized();
            case "mpnn" -> DefaultEncoders.mpnn(Device.cpu());
            case "schnet" -> DefaultEncoders.schnet(Device.cpu());
            default -> throw new IllegalArgumentException("Unknown encoder " + encoderName);
        };
        TrainingData data;
        if (lambda > 0) {
            var trainMols = qm9.trainMolecules();
            var valMols = qm9.validationMolecules();
            long e0 = System.nanoTime();
            var trainTargets = encoder.embed(trainMols);
            var valTargets = encoder.embed(valMols);
            System.out.printf(Locale.ROOT, "%s targets in %.0f s; cosine of validation targets with the mean training"
                + " target (what a constant projector reaches): %.3f%n", encoder.name(), (System.nanoTime() - e0) / 1e9,
                meanCosine(trainTargets, valTargets));
            data = new TrainingData(train, val, () -> trainTargets, () -> valTargets);
        } else {
            data = qm9.data();
        }
        if (!buckets.equals("compare")) {
            var r = train(rep, arch, cfg.withSizeBuckets(buckets.equals("on")), data, encoder, minutes, steps, lambda,
                layer, window);
            return r.summary(lambda > 0);
        }
        // Random batches first, then batches bucketed by size: same data, seed, network and settings.
        var plain = train(rep, arch, cfg.withSizeBuckets(false), data, encoder, minutes, steps, lambda, layer, window);
        var bucketed = train(rep, arch, cfg.withSizeBuckets(true), data, encoder, minutes, steps, lambda, layer,
            window);
        System.out.println("| step | validation loss, random batches | validation loss, bucketed |");
        System.out.println("|---|---|---|");
        for (int i = 0; i < Math.min(plain.validation().size(), bucketed.validation().size()); i++) {
            System.out.printf(Locale.ROOT, "| %d | %.4f | %.4f |%n", plain.validation().get(i).step(),
                plain.validation().get(i).loss(), bucketed.validation().get(i).loss());
        }
        System.out.printf(Locale.ROOT, "padding waste %.1f%% → %.1f%%; molecules/s %.1f → %.1f (×%.2f); median step"
            + " %.1f → %.1f ms; final validation loss %.4f → %.4f%n", 100 * plain.paddingWaste(),
            100 * bucketed.paddingWaste(), plain.molsPerS(), bucketed.molsPerS(),
            bucketed.molsPerS() / plain.molsPerS(), plain.medianMs(), bucketed.medianMs(), plain.valLoss(),
            bucketed.valLoss());
        return bucketed.summary(lambda > 0) + String.format(Locale.ROOT, " padding_waste=%.4f"
            + " unbucketed_padding_waste=%.4f unbucketed_mols_per_s=%.1f unbucketed_val_loss=%.4f speedup=%.3f",
            bucketed.paddingWaste(), plain.paddingWaste(), plain.molsPerS(), plain.valLoss(),
            bucketed.molsPerS() / plain.molsPerS());
    }

    /** One training run's figures. */
    private record Run(double medianMs, double molsPerS, double valLoss, double cosine, double rssGrowth,
        double paddingWaste, java.util.List<dev.flowmatch.engine.train.ValidationMetrics> validation) {
        String summary(final boolean repa) {
            return String.format(Locale.ROOT, "ms_per_step=%.1f mols_per_s=%.1f val_loss=%.4f rss_growth=%.4f%s",
                medianMs, molsPerS, valLoss, rssGrowth, repa ? String.format(Locale.ROOT, " val_cosine=%.3f", cosine)
                    : "");
        }
    }

    private static Run train(final Representation rep, final ModelConfig arch, final TrainingConfig cfg,
        final TrainingData data, final FrozenEncoder encoder, final double minutes, final int steps,
        final double lambda, final int layer, final double window) {
        int batch = cfg.batchSize();
        long budget = (long)(minutes * 60e9);
        long start = System.nanoTime();
        long rssStart = 0;
        try (var trainer = new Trainer(rep, arch, cfg, encoder.dimension(), Device.cpu())) {
            var padding = trainer.paddingOf(data, steps);
            double waste = 1 - padding[0] / (double)padding[1];
            System.out.printf(Locale.ROOT, "%s batches (padding waste %.1f%% of the atom slots over %d steps)%n",
                cfg.sizeBuckets() ? "size-bucketed" : "random", 100 * waste, steps);
            System.out.printf(Locale.ROOT, "model: %,d parameters, %s; REPA %s%n", trainer.model().parameterCount(),
                cfg.path().describe(), lambda > 0 ? "λ=" + lambda + " at block " + layer + " vs " + encoder.name()
                    + ", t in [" + window + ", 1]" : "off");
            var listener = new TrainingListener() {
                @Override
                public void onStep(final StepMetrics m, final int total) {
                    if (m.step() % EVERY == 0) {
                        var rt = Runtime.getRuntime();
                        System.out.printf(Locale.ROOT, "step %5d  loss %.4f  coords %.4f  types %.4f  repa %.4f  %.0f ms"
                            + "  RSS %d MB (Java heap %d MB committed, %d MB used)%n", m.step(), m.loss(), m.coordLoss(),
                            m.typeLoss(), m.repaLoss(), 1000 * m.seconds(), rssKb() / 1024, rt.totalMemory() >> 20,
                            (rt.totalMemory() - rt.freeMemory()) >> 20);
                    }
                }

                @Override
                public void onValidation(final dev.flowmatch.engine.train.ValidationMetrics v) {
                    System.out.printf(Locale.ROOT, "  validation at %d: loss %.4f  coords %.4f  types %.4f  cosine %.3f%n",
                        v.step(), v.loss(), v.coordLoss(), v.typeLoss(), v.cosine());
                }
            };
            while (trainer.step() < steps && System.nanoTime() - start < budget) {
                trainer.train(data, listener, Math.min(steps, trainer.step() + (trainer.step() < 100 ? 100 : 50)));
                if (rssStart == 0) {
                    rssStart = rssKb();
                }
            }
            long rssEnd = rssKb();
            var sm = trainer.stepMetrics();
            var times = sm.stream().skip(Math.min(20, sm.size() - 1)).mapToDouble(StepMetrics::seconds).sorted()
                .toArray();
            double median = times[times.length / 2] * 1000;
            double total = (System.nanoTime() - start) / 1e9;
            double molsPerS = trainer.step() * (double)batch / total;
            var v = trainer.validate(data);
            double growth = (rssEnd - rssStart) / (double)rssStart;
            System.out.printf(Locale.ROOT, "%d steps in %.0f s; median step %.1f ms; RSS %d MB after 100 steps, %d MB at"
                + " the end; validation loss %.4f, cosine %.3f%n", trainer.step(), total, median, rssStart / 1024,
                rssEnd / 1024, v.loss(), v.cosine());
            var first = sm.subList(0, Math.min(100, sm.size())).stream().mapToDouble(StepMetrics::coordLoss).average()
                .orElse(Double.NaN);
            var last = sm.subList(Math.max(0, sm.size() - 100), sm.size()).stream().mapToDouble(StepMetrics::coordLoss)
                .average().orElse(Double.NaN);
            System.out.printf(Locale.ROOT, "mean coordinate loss: first 100 steps %.4f, last 100 steps %.4f%n", first,
                last);
            return new Run(median, molsPerS, v.loss(), v.cosine(), growth, waste,
                java.util.List.copyOf(trainer.validationMetrics()));
        }
    }

    static double meanCosine(final float[][] train, final float[][] val) {
        var mean = new double[train[0].length];
        for (var v : train) {
            for (int k = 0; k < mean.length; k++) {
                mean[k] += v[k] / train.length;
            }
        }
        double sum = 0;
        for (var v : val) {
            double dot = 0;
            double a = 0;
            double b = 0;
            for (int k = 0; k < mean.length; k++) {
                dot += v[k] * mean[k];
                a += v[k] * v[k];
                b += mean[k] * mean[k];
            }
            sum += dot / Math.sqrt(a * b + 1e-30);
        }
        return sum / val.length;
    }

    /** @return the resident set size of this process in kB, from /proc (0 where unavailable) */
    static long rssKb() {
        try {
            for (var line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D+", ""));
                }
            }
        } catch (java.io.IOException e) {
            return 0;
        }
        return 0;
    }
}
