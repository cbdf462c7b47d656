package dev.flowmatch.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The recipe search's table, from the runs recorded so far (each run folder's eval-*.txt and curve.csv under
 * the runs root): one row per run and sampler, the baseline's spread over seeds, and the validation curves
 * as PNG with the per-run CSVs copied to {@code --out} (default benchmarks/results/qm9-quality).
 *
 * <p>Args: {@code --runs DIR --out DIR --steps N} (only runs of N steps; default 5,000).
 */
final class Qm9ReportBenchmark implements Benchmarks.Benchmark {

    /** EDM's stability first ("–" for evaluations recorded before it was computed), then the rest. */
    private static final String[] COLUMNS = {"mol_stable_edm", "atom_stable_edm", "bond_w1", "connected_valid",
        "mol_stable_perceived", "atom_stable_perceived", "valid", "valid_unique", "novelty", "geometry_ok",
        "mol_stable_perceived_neutral", "fragments"};

    @Override
    public String run(final String[] args) throws Exception {
        Path runs = RecipeRun.runsRoot();
        Path out = Path.of("benchmarks/results/qm9-quality");
        int steps = 5000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--steps" -> steps = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("Unknown argument " + args[i]
                    + " (known: --runs DIR --out DIR --steps N)");
            }
        }
        Files.createDirectories(out);
        var rows = new ArrayList<Map<String, String>>();
        var curves = new TreeMap<String, List<double[]>>();
        try (var dirs = Files.list(runs)) {
            for (var dir : dirs.sorted().toList()) {
                var name = dir.getFileName().toString();
                if (!Files.isDirectory(dir) || !name.endsWith("-" + steps)) {
                    continue;
                }
                var curve = RecipeRun.readCurve(dir.resolve("curve.csv"));
                if (!curve.isEmpty()) {
                    curves.put(name, curve);
                    Files.copy(dir.resolve("curve.csv"), out.resolve(name + ".csv"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                try (var evals = Files.list(dir)) {
                    for (var e : evals.filter(f -> f.getFileName().toString().startsWith("eval-")).sorted().toList()) {
                        var kv = RecipeRun.parseEvaluation(Files.readString(e));
                        kv.put("val_loss", curve.isEmpty() ? "NaN" : String.format(Locale.ROOT, "%.4f",
                            curve.get(curve.size() - 1)[1]));
                        rows.add(kv);
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "| recipe | seed | sampler | NFE | train s | val. loss | %s |%n",
            String.join(" | ", COLUMNS));
        System.out.println("|---|---|---|---|---|---|" + "---|".repeat(COLUMNS.length));
        var summary = new ArrayList<String>();
        for (var r : rows) {
            var sb = new StringBuilder(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |", r.get("recipe"),
                r.get("seed"), r.get("sampler"), r.get("nfe"), r.get("train_s"), r.get("val_loss")));
            for (var c : COLUMNS) {
                sb.append(' ').append(r.getOrDefault(c, "–")).append(" |");
            }
            System.out.println(sb);
            summary.add(String.join(" ", r.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
        }
        Files.write(out.resolve("summary.txt"), summary);
        // the baseline's spread over seeds (heun25)
        var base = rows.stream().filter(r -> "baseline".equals(r.get("recipe")) && "heun25".equals(r.get("sampler")))
            .toList();
        var spread = new StringBuilder();
        for (var c : new String[]{"mol_stable_edm", "connected_valid", "mol_stable_perceived"}) {
            var v = base.stream().filter(r -> r.containsKey(c)).mapToDouble(r -> Double.parseDouble(r.get(c)))
                .toArray();
            double mean = java.util.Arrays.stream(v).average().orElse(Double.NaN);
            double sd = Math.sqrt(java.util.Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum()
                / Math.max(1, v.length - 1));
            spread.append(String.format(Locale.ROOT, " baseline_%s=%.4f±%.4f", c, mean, v.length > 1 ? sd : Double.NaN));
        }
        System.out.printf(Locale.ROOT, "baseline over %d seeds:%s%n", base.size(), spread);
        var chart = StudyReport.chart("QM9 recipe search: validation loss (held-out, fixed noise; parametrizations"
            + " differ in scale)", "validation loss");
        for (var e : curves.entrySet()) {
            chart.addSeries(e.getKey(), e.getValue().stream().map(x -> x[0]).toList(),
                e.getValue().stream().map(x -> x[1]).toList());
        }
        if (!curves.isEmpty()) {
            StudyReport.save(chart, out.resolve("validation-loss.png"));
        }
        return String.format(Locale.ROOT, "runs=%d evaluations=%d%s", curves.size(), rows.size(), spread);
    }

}
