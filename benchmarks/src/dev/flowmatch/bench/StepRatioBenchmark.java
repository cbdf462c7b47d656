package dev.flowmatch.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import ai.djl.Device;
import dev.flowmatch.engine.chem.PointCloud;
import dev.flowmatch.engine.compute.TorchRuntime;
import dev.flowmatch.engine.model.ModelConfig;
import dev.flowmatch.engine.train.Representation;
import dev.flowmatch.engine.train.StepMetrics;
import dev.flowmatch.engine.train.Trainer;
import dev.flowmatch.engine.train.TrainingConfig;
import dev.flowmatch.engine.train.TrainingData;
import dev.flowmatch.engine.train.TrainingListener;

/**
 * One training step of the engine (Trainer: batch, path sample, VelocityTransformer forward, loss, backward,
 * clipping, AdamW, EMA) against the same step in PyTorch for Python (benchmarks/torch/velocity_twin.py), same
 * depth, width, heads, batch and atom count, timed in the same run in alternating blocks (the order flips each
 * round, so drift of this shared machine hits both). Before timing, the twin loads the engine's weights and
 * must reproduce its outputs on padded inputs, and the parameter counts must agree: the ratio compares one
 * network, not two. Both sides run on the same number of intra-op threads with one inter-op thread.
 *
 * <p>Args: {@code --width 128 --depth 4 --heads 8 --types 5 --batch 64 --atoms 29 --rounds 12 --block 10
 * --warmup 20}; the Python interpreter is FLOWMATCH_PYTHON (default /usr/bin/python3, Debian's python3-torch).
 */
final class StepRatioBenchmark implements Benchmarks.Benchmark {

    private static final String TWIN = "benchmarks/torch/velocity_twin.py";

    @Override
    public String run(final String[] args) throws Exception {
        int width = 128;
        int depth = 4;
        int heads = 8;
        int types = 5;
        int batch = 64;
        int atoms = 29;
        int rounds = 12;
        int block = 10;
        int warmup = 20;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--width" -> width = Integer.parseInt(args[++i]);
                case "--depth" -> depth = Integer.parseInt(args[++i]);
                case "--heads" -> heads = Integer.parseInt(args[++i]);
                case "--types" -> types = Integer.parseInt(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--atoms" -> atoms = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--block" -> block = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("Unknown argument " + args[i] + " (known: --width D"
                    + " --depth L --heads H --types K --batch B --atoms N --rounds R --block S --warmup W)");
            }
        }
        var defaults = ModelConfig.defaults(types);
        var config = new ModelConfig(types, width, depth, heads, defaults.ffnMultiplier(), defaults.timeFeatures(),
            defaults.conditioning(), false);
        int threads = Integer.getInteger("ai.djl.pytorch.num_threads", 2);
        System.out.println(TorchRuntime.describe());
        System.out.printf(Locale.ROOT, "DJL GEMM 512: %.1f GFLOP/s%n", DjlMatmulBenchmark.djlGflops(512));

        var checkFile = Path.of("benchmarks/target/step-ratio/twin-check.bin");
        long params = TwinCheckFile.write(config, checkFile);
        var python = System.getenv().getOrDefault("FLOWMATCH_PYTHON", "/usr/bin/python3");
        var command = List.of(python, TWIN, "--types", "" + types, "--width", "" + width, "--depth", "" + depth,
            "--heads", "" + heads, "--ffn", "" + config.ffnMultiplier(), "--time-features", "" + config.timeFeatures(),
            "--batch", "" + batch, "--atoms", "" + atoms, "--threads", "" + threads, "--check", checkFile.toString());
        var data = data(types, atoms);
        var process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (var in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                var out = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
                var trainer = trainer(config, data, batch)) {
            var ready = in.readLine();
            if (ready == null || !ready.startsWith("ready ")) {
                throw new IllegalStateException("The PyTorch twin did not start (" + ready + "); command: " + command);
            }
            System.out.println("PyTorch twin: " + ready.substring(6));
            verify(ready, params);
            var none = TrainingListener.none();
            trainer.train(data, none, warmup);
            torchSteps(in, out, warmup);
            var djl = new ArrayList<Double>();
            var torch = new ArrayList<Double>();
            System.out.println("| round | first | DJL median ms | PyTorch median ms |");
            System.out.println("|---|---|---|---|");
            for (int r = 0; r < rounds; r++) {
                boolean djlFirst = r % 2 == 0;
                double[] d = null;
                double[] p = null;
                for (int side = 0; side < 2; side++) {
                    if ((side == 0) == djlFirst) {
                        int from = trainer.stepMetrics().size();
                        trainer.train(data, none, trainer.step() + block);
                        d = trainer.stepMetrics().subList(from, trainer.stepMetrics().size()).stream()
                            .mapToDouble(m -> m.seconds() * 1000).toArray();
                    } else {
                        p = torchSteps(in, out, block);
                    }
                }
                Arrays.stream(d).forEach(djl::add);
                Arrays.stream(p).forEach(torch::add);
                System.out.printf(Locale.ROOT, "| %d | %s | %.1f | %.1f |%n", r + 1, djlFirst ? "DJL" : "PyTorch",
                    Timing.median(d), Timing.median(p));
            }
            out.println("quit");
            double djlMs = Timing.median(djl.stream().mapToDouble(Double::doubleValue).toArray());
            double torchMs = Timing.median(torch.stream().mapToDouble(Double::doubleValue).toArray());
            System.out.printf(Locale.ROOT, "%d steps each (batch %d × %d atoms, %,d parameters, %d threads): DJL median"
                + " %.1f ms, PyTorch median %.1f ms, ratio DJL/PyTorch %.3f%n", djl.size(), batch, atoms, params, threads,
                djlMs, torchMs, djlMs / torchMs);
            return String.format(Locale.ROOT, "djl_ms=%.1f torch_ms=%.1f ratio=%.3f", djlMs, torchMs, djlMs / torchMs);
        } finally {
            process.destroy();
        }
    }

    /** The twin must have the engine's parameter count and reproduce its outputs to float32 rounding. */
    private static void verify(final String ready, final long params) {
        long twinParams = Long.parseLong(field(ready, "params"));
        double diff = Double.parseDouble(field(ready, "check_max_abs_diff"));
        double scale = Double.parseDouble(field(ready, "check_max_abs"));
        if (twinParams != params) {
            throw new IllegalStateException("The PyTorch twin has " + twinParams + " parameters, the engine " + params
                + ": not the same network.");
        }
        if (!(diff <= 1e-4 * Math.max(1, scale))) {
            throw new IllegalStateException(String.format(Locale.ROOT, "The PyTorch twin's outputs differ from the"
                + " engine's by up to %.3g (outputs up to %.3g): not the same network.", diff, scale));
        }
        System.out.printf(Locale.ROOT, "twin verified: %,d parameters in both; same weights and inputs give outputs"
            + " within %.2g (largest output %.3g)%n", params, diff, scale);
    }

    private static String field(final String line, final String key) {
        for (var word : line.split(" ")) {
            if (word.startsWith(key + "=")) {
                return word.substring(key.length() + 1);
            }
        }
        throw new IllegalStateException("The PyTorch twin's line lacks " + key + ": " + line);
    }

    private static double[] torchSteps(final BufferedReader in, final PrintWriter out, final int steps)
        throws java.io.IOException {
        out.println("steps " + steps);
        var line = in.readLine();
        if (line == null || !line.startsWith("times ")) {
            throw new IllegalStateException("The PyTorch twin stopped: " + line);
        }
        return Arrays.stream(line.substring(6).trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
    }

    private static Trainer trainer(final ModelConfig config, final TrainingData data, final int batch) {
        var rep = Representation.of(tokens(config.atomTypes()), true, data.train(), Double.NaN, 1.0);
        var cfg = TrainingConfig.defaults(1_000_000).withBatch(batch, 5e-4, 200);
        return new Trainer(rep, config, cfg, 0, Device.cpu());
    }

    /** 1,024 synthetic molecules of exactly {@code atoms} atoms: the step's cost does not depend on the values. */
    private static TrainingData data(final int types, final int atoms) {
        var rng = new Random(3);
        var clouds = new ArrayList<PointCloud>();
        for (int m = 0; m < 1024; m++) {
            var t = new int[atoms];
            var c = new float[3 * atoms];
            var mean = new double[3];
            for (int a = 0; a < atoms; a++) {
                t[a] = rng.nextInt(types);
                for (int k = 0; k < 3; k++) {
                    c[3 * a + k] = (float)(1.5 * rng.nextGaussian());
                    mean[k] += c[3 * a + k] / atoms;
                }
            }
            for (int a = 0; a < atoms; a++) {
                for (int k = 0; k < 3; k++) {
                    c[3 * a + k] -= (float)mean[k];
                }
            }
            clouds.add(new PointCloud(t, c, "m" + m));
        }
        return TrainingData.of(clouds, List.of());
    }

    private static List<String> tokens(final int k) {
        var elements = List.of("H", "C", "N", "O", "F", "S", "Cl", "P", "Br", "I");
        var out = new ArrayList<String>();
        for (int i = 0; i < k; i++) {
            out.add(i < elements.size() ? elements.get(i) : "X" + i);
        }
        return out;
    }
}
