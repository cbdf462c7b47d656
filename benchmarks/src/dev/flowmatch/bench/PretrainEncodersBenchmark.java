package dev.flowmatch.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import org.openscience.cdk.interfaces.IAtomContainer;

import ai.djl.Device;
import dev.flowmatch.engine.compute.TorchRuntime;
import dev.flowmatch.engine.compute.ZipArchive;
import dev.flowmatch.engine.encoder.CountFingerprintEncoder;
import dev.flowmatch.engine.encoder.DescriptorEncoder;
import dev.flowmatch.engine.encoder.EncoderArchitecture;
import dev.flowmatch.engine.encoder.NeuralEncoder;
import dev.flowmatch.engine.train.EncoderPretrainer;

/**
 * Trains the default encoder weights that ship in the plugin (and the descriptor statistics), reproducibly:
 * {@code benchmarks/run pretrain-encoders} writes them to plugin/src/main/resources/.../encoder/defaults.
 *
 * <p>Data: QM9 records whose index is not 9 mod 10 (those stay unseen for the encoders benchmark), every
 * 3rd of them up to --qm9, plus the first --moses MOSES test-split SMILES for the 2D encoder (the 3D encoder
 * needs geometries, so it sees QM9 only). Objective: regress the molecule's standardized CDK descriptor vector
 * and its ECFP4 count vector (log(1 + count), 128 bins) from the embedding through a linear head, MSE.
 */
final class PretrainEncodersBenchmark implements Benchmarks.Benchmark {

    static final Path OUT = Path.of("plugin/src/main/resources/dev/flowmatch/engine/encoder/defaults");

    static final long SEED = 20261123L;

    @Override
    public String run(final String[] args) throws Exception {
        int qm9 = 30_000;
        int moses = 20_000;
        int steps = 3_000;
        var out = OUT;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--qm9" -> qm9 = Integer.parseInt(args[i + 1]);
                case "--moses" -> moses = Integer.parseInt(args[i + 1]);
                case "--steps" -> steps = Integer.parseInt(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("Unknown option " + args[i]);
            }
        }
        var data = SharedData.require("qm9/qm9_3d.xyz.xz", "moses/moses_test.csv.gz");
        System.out.println(TorchRuntime.describe());
        long t0 = System.nanoTime();
        var qm9Molecules = Qm9Clouds.read(i -> i % 10 != 9 && i % 3 == 0, qm9).molecules();
        var mosesMolecules = SharedData.molecules(data.resolve("moses/moses_test.csv.gz"), moses);
        var all = new ArrayList<IAtomContainer>(qm9Molecules);
        all.addAll(mosesMolecules);
        System.out.printf(Locale.ROOT, "read %d QM9 + %d MOSES molecules in %.0f s%n", qm9Molecules.size(),
            mosesMolecules.size(), (System.nanoTime() - t0) / 1e9);

        long t1 = System.nanoTime();
        var raw = descriptors(all);
        var names = DescriptorEncoder.raw().names();
        var statistics = EncoderPretrainer.columnStatistics(raw, null);
        var mean = statistics[0];
        var sd = statistics[1];
        var source = String.format(Locale.ROOT, "%d QM9 + %d MOSES molecules (benchmarks/run pretrain-encoders)",
            qm9Molecules.size(), mosesMolecules.size());
        Files.createDirectories(out);
        Files.writeString(out.resolve("descriptor-statistics.json"), ZipArchive.GSON.toJson(DescriptorEncoder
            .statistics(names, mean, sd, source)), StandardCharsets.UTF_8);
        var ecfp = new CountFingerprintEncoder(2, 128).embed(all);
        var targets = new float[all.size()][];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = new float[mean.length + ecfp[i].length];
            for (int k = 0; k < mean.length; k++) {
                targets[i][k] = Float.isFinite(raw[i][k]) ? raw[i][k] : (float)mean[k];
            }
            System.arraycopy(ecfp[i], 0, targets[i], mean.length, ecfp[i].length);
        }
        System.out.printf(Locale.ROOT, "targets: %d descriptors + 128 ECFP4 bins in %.0f s%n", mean.length,
            (System.nanoTime() - t1) / 1e9);

        var settings = new EncoderPretrainer.Settings(steps, 128, 2e-3, 1e-4, SEED, 0.05);
        var mpnn = train(EncoderArchitecture.mpnn(128, 3), "mpnn", all, targets, settings, out, qm9Molecules.size(),
            mosesMolecules.size());
        var qm9Targets = java.util.Arrays.copyOf(targets, qm9Molecules.size());
        var schnet = train(EncoderArchitecture.schnet(128, 3, 25, 5.0), "schnet", qm9Molecules, qm9Targets, settings,
            out, qm9Molecules.size(), 0);
        return String.format(Locale.ROOT, "mpnn_r2=%.3f mpnn_constant_r2=%.3f schnet_r2=%.3f seconds=%.0f",
            mpnn.validationR2(), mpnn.constantR2(), schnet.validationR2(), (System.nanoTime() - t0) / 1e9);
    }

    private static EncoderPretrainer.Result train(final EncoderArchitecture architecture, final String name,
        final List<IAtomContainer> molecules, final float[][] targets, final EncoderPretrainer.Settings settings,
        final Path out, final int qm9, final int moses) throws Exception {
        try (var encoder = NeuralEncoder.initialize(architecture, name, settings.seed(), Device.cpu())) {
            var graphs = encoder.graphs(molecules); // every pretraining molecule must encode; errors name it
            var result = EncoderPretrainer.pretrain(encoder, graphs, targets, settings,
                line -> System.out.println(name + " " + line));
            System.out.println(name + ": " + result);
            var p = encoder.provenance();
            p.put("command", "benchmarks/run pretrain-encoders");
            p.put("data", qm9 + " QM9 molecules (records not 9 mod 10, every 3rd)"
                + (moses > 0 ? " + the first " + moses + " MOSES test-split SMILES" : ""));
            p.put("objective", "MSE regression of standardized CDK descriptors + ECFP4 log-counts (128 bins) through a"
                + " linear head");
            p.put("settings", settings.toString());
            p.put("result", result.toString());
            encoder.save(out.resolve(name + ".zip"));
            return result;
        }
    }

    private static float[][] descriptors(final List<IAtomContainer> molecules) {
        var encoders = ThreadLocal.withInitial(DescriptorEncoder::raw); // CDK descriptors keep state: one per thread
        var out = new float[molecules.size()][];
        IntStream.range(0, molecules.size()).parallel()
            .forEach(i -> out[i] = encoders.get().embed(List.of(molecules.get(i)))[0]);
        return out;
    }
}
