package dev.flowmatch.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import org.openscience.cdk.interfaces.IAtomContainer;

import ai.djl.Device;
import ai.djl.ndarray.types.Shape;
import dev.flowmatch.engine.compute.TorchRuntime;
import dev.flowmatch.engine.encoder.CountFingerprintEncoder;
import dev.flowmatch.engine.encoder.DefaultEncoders;
import dev.flowmatch.engine.encoder.DescriptorEncoder;
import dev.flowmatch.engine.encoder.EncoderArchitecture;
import dev.flowmatch.engine.encoder.FrozenEncoder;
import dev.flowmatch.engine.encoder.MaccsEncoder;
import dev.flowmatch.engine.encoder.NeuralEncoder;
import dev.flowmatch.engine.metrics.MoleculeProfiler;

/**
 * Embeds QM9 molecules the pretraining never saw (records 9 mod 10) with every encoder: molecules per second
 * (the second pass over the set: steady state), and how well each embedding separates chemotypes — the share of molecules
 * whose nearest neighbour (Euclidean, among the ring-containing molecules) has the same Bemis–Murcko scaffold,
 * against the chance that a random other molecule has it. The same networks with random weights show what
 * the pretraining adds.
 */
final class EncodersBenchmark implements Benchmarks.Benchmark {

    @Override
    public String run(final String[] args) throws Exception {
        int n = args.length > 1 && args[0].equals("--molecules") ? Integer.parseInt(args[1]) : 10_000;
        System.out.println(TorchRuntime.describe());
        var molecules = Qm9Clouds.read(i -> i % 10 == 9, n).molecules();
        // the scaffolds of the metrics (Scaf): Bemis–Murcko, canonical aromatic SMILES, "" when acyclic
        var scaffolds = MoleculeProfiler.profile(molecules).stream()
            .map(p -> p.scaffold() == null ? "" : p.scaffold()).toList();
        var ringed = new ArrayList<Integer>();
        for (int i = 0; i < scaffolds.size(); i++) {
            if (!scaffolds.get(i).isEmpty()) {
                ringed.add(i);
            }
        }
        double chance = chance(scaffolds, ringed);
        System.out.printf(Locale.ROOT, "%d held-out QM9 molecules, %d with rings, %d scaffolds; chance that a random "
            + "other ring molecule shares the scaffold: %.4f%n", molecules.size(), ringed.size(),
            ringed.stream().map(scaffolds::get).distinct().count(), chance);
        var encoders = new LinkedHashMap<String, Supplier<FrozenEncoder>>();
        encoders.put("ecfp", () -> new CountFingerprintEncoder(2, 1024));
        encoders.put("maccs", MaccsEncoder::new);
        encoders.put("descriptors", DescriptorEncoder::standardized);
        encoders.put("mpnn", () -> DefaultEncoders.mpnn(Device.cpu()));
        encoders.put("schnet", () -> DefaultEncoders.schnet(Device.cpu()));
        encoders.put("mpnn_untrained", () -> NeuralEncoder.initialize(EncoderArchitecture.mpnn(128, 3), "mpnn", 1,
            Device.cpu()));
        encoders.put("schnet_untrained", () -> NeuralEncoder.initialize(EncoderArchitecture.schnet(128, 3, 25, 5.0),
            "schnet", 1, Device.cpu()));
        System.out.printf(Locale.ROOT, "%-17s %5s %12s %14s %8s%n", "encoder", "dim", "molecules/s", "nn_same_scaffold",
            "ratio");
        var rates = new HashMap<String, Double>();
        for (var e : encoders.entrySet()) {
            try (var encoder = e.getValue().get()) {
                encoder.embed(molecules); // warm-up pass: the JIT compiles the featurization first
                long t0 = System.nanoTime();
                var vectors = encoder.embed(molecules);
                double rate = molecules.size() / ((System.nanoTime() - t0) / 1e9);
                rates.put(e.getKey(), rate);
                double same = nearestSameScaffold(vectors, scaffolds, ringed);
                System.out.printf(Locale.ROOT, "%-17s %5d %12.0f %14.4f %8.1f%n", e.getKey(), encoder.dimension(), rate,
                    same, same / chance);
            }
        }
        return String.format(Locale.ROOT, "ecfp_per_s=%.0f mpnn_per_s=%.0f schnet_per_s=%.0f", rates.get("ecfp"),
            rates.get("mpnn"), rates.get("schnet"));
    }

    private static double chance(final List<String> scaffolds, final List<Integer> ringed) {
        Map<String, Integer> counts = new HashMap<>();
        ringed.forEach(i -> counts.merge(scaffolds.get(i), 1, Integer::sum));
        double pairs = 0;
        for (int c : counts.values()) {
            pairs += (double)c * (c - 1);
        }
        return pairs / ((double)ringed.size() * (ringed.size() - 1));
    }

    /** Share of ring molecules whose Euclidean nearest other ring molecule has the same scaffold. */
    private static double nearestSameScaffold(final float[][] vectors, final List<String> scaffolds,
        final List<Integer> ringed) {
        int m = ringed.size();
        int d = vectors[0].length;
        var flat = new float[m * d];
        for (int i = 0; i < m; i++) {
            System.arraycopy(vectors[ringed.get(i)], 0, flat, i * d, d);
        }
        int same = 0;
        try (var manager = TorchRuntime.newManager(Device.cpu())) {
            var x = manager.create(flat, new Shape(m, d));
            var norms = x.square().sum(new int[] {1});
            for (int from = 0; from < m; from += 1024) {
                int to = Math.min(m, from + 1024);
                try (var scope = manager.newSubManager()) {
                    var q = x.get(from + ":" + to);
                    q.tempAttach(scope);
                    var dist = norms.get(from + ":" + to).expandDims(1).add(norms.expandDims(0)).sub(q.matMul(x
                        .transpose()).mul(2f));
                    var nearest = new long[to - from];
                    var values = dist.toFloatArray();
                    for (int i = 0; i < to - from; i++) {
                        float best = Float.POSITIVE_INFINITY;
                        for (int j = 0; j < m; j++) {
                            if (j != from + i && values[i * m + j] < best) {
                                best = values[i * m + j];
                                nearest[i] = j;
                            }
                        }
                        if (scaffolds.get(ringed.get((int)nearest[i])).equals(scaffolds.get(ringed.get(from + i)))) {
                            same++;
                        }
                    }
                }
            }
        }
        return (double)same / m;
    }
}
