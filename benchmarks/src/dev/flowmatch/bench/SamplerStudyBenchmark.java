package dev.flowmatch.bench;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.flowmatch.engine.pretrained.PretrainedModels;

/**
 * The sampler on a shipped checkpoint (issue 28: "first on today's shipped checkpoint, free"): the same
 * {@code --samples} molecules' atom counts and noise under each sampler of {@code --samplers} (comma-separated,
 * {@link Qm9Evaluation.Sampler} syntax: step counts, log-spaced grids dense near t = 1, Langevin corrections
 * until t ≈ 0.9 as TABASCO samples), measured exactly as pretrained-quality measures, EDM's rule first.
 *
 * <p>Args: {@code --id qm9-h --samples 1000 --samplers heun25,euler100-log,euler200-log,euler100-log+lgv0-0.9-0.5}.
 */
final class SamplerStudyBenchmark implements Benchmarks.Benchmark {

    @Override
    public String run(final String[] args) throws Exception {
        String id = null;
        int samples = 1000;
        String samplers = "heun25,heun50-log,euler100-log,euler200-log";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--id" -> id = args[++i];
                case "--samples" -> samples = Integer.parseInt(args[++i]);
                case "--samplers" -> samplers = args[++i];
                default -> throw new IllegalArgumentException("Unknown argument " + args[i]
                    + " (known: --id ID --samples M --samplers A,B,...)");
            }
        }
        var parsed = new ArrayList<Qm9Evaluation.Sampler>();
        for (var s : samplers.split(",")) {
            parsed.add(Qm9Evaluation.Sampler.parse(s.trim())); // all checked before any work
        }
        var model = id == null ? PretrainedModels.list().get(0) : PretrainedModels.get(id);
        var file = Files.createTempFile("pretrained", ".zip");
        try {
            Files.write(file, PretrainedModels.bytes(model));
            var qm9 = Qm9Full.read();
            var reference = Qm9Evaluation.Reference.of(qm9);
            var rows = new ArrayList<String>();
            var lines = new ArrayList<String>();
            double best = -1;
            String bestName = "";
            double first = Double.NaN;
            for (var s : parsed) {
                var r = Qm9Evaluation.evaluate(file, s, samples, reference);
                double mol = r.values().get(dev.flowmatch.engine.metrics.DistributionMetrics.MOLECULE_STABILITY_EDM);
                if (Double.isNaN(first)) {
                    first = mol;
                }
                if (mol > best) {
                    best = mol;
                    bestName = s.name();
                }
                var kv = Qm9Evaluation.keyValues(r, "mol_stable_edm", "atom_stable_edm", "bond_w1", "angle_w1",
                    "connected_valid", "mol_stable_perceived");
                lines.add(String.format(Locale.ROOT, "%s: nfe=%d %s sample_s=%.1f", s.name(), r.nfe(), kv,
                    r.sampleSeconds()));
                rows.add(String.format(Locale.ROOT, "| %s | %d | %s | %.0f |", s.name(), r.nfe(),
                    String.join(" | ", List.of(kv.split(" ")).stream().map(x -> x.substring(x.indexOf('=') + 1))
                        .toList()), r.sampleSeconds()));
                System.out.println(lines.get(lines.size() - 1));
            }
            System.out.printf(Locale.ROOT, "%nmodel %s, %,d samples per sampler, same atom counts and noise%n",
                model.id(), samples);
            System.out.println("| sampler | NFE | mol. stability (EDM) | atom stability (EDM) | bond W1 (Å) | angle W1 (°)"
                + " | connected validity | mol. stability (perceived) | seconds |");
            System.out.println("|---|---|---|---|---|---|---|---|---|");
            rows.forEach(System.out::println);
            return String.format(Locale.ROOT, "samples=%d samplers=%d first=%s first_mol_stable_edm=%.4f best=%s"
                + " best_mol_stable_edm=%.4f", samples, parsed.size(), parsed.get(0).name(), first, bestName, best);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
