package dev.flowmatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The REPA study at a meaningful budget (issue 20), summarised from the runs recorded so far. Each run is an
 * ordinary resumable recipe run ({@code benchmarks/qm9-search --steps 20000 --samples 5000 ARM:SEED}):
 * the best CPU recipe without REPA ({@code beta-lr2e-3}) and three REPA arms ({@link Qm9Recipes}), three
 * seeds each, so runs can be spread over sessions. Per arm: final validation loss (flow-matching loss
 * without the REPA term, on fixed noise), alignment cosine, and the metrics of 5,000 samples, as mean ± SD
 * over seeds; the steps a REPA run needs to reach the final validation loss of the no-REPA run of the same
 * seed (linear interpolation between validation points; not reached = NaN); quality differences paired by
 * seed. Writes the banded validation curves (mean ± SD) and a CSV per arm to {@code --out}.
 *
 * <p>Args: {@code --runs DIR --steps 20000 --samples 5000 --out benchmarks/results/repa-study-20k}.
 */
final class RepaStudyBenchmark implements Benchmarks.Benchmark {

    static final String NONE = "beta-lr2e-3";

    static final List<String> ARMS = List.of(NONE, "repa-mpnn", "repa-schnet", "repa-mpnn-late");

    /**
     * Differences answering the study's questions, paired by seed: each REPA arm against no REPA, the
     * late window against all t (same encoder), the 3D encoder against the 2D one (same window).
     */
    static final List<String[]> COMPARISONS = List.of(new String[]{"repa-mpnn", NONE},
        new String[]{"repa-schnet", NONE}, new String[]{"repa-mpnn-late", NONE},
        new String[]{"repa-mpnn-late", "repa-mpnn"}, new String[]{"repa-schnet", "repa-mpnn"});

    /** One recorded run: its validation curve {step, loss, cosine} and its evaluation's key-values. */
    record Recorded(long seed, List<double[]> curve, Map<String, Double> eval) {

        double finalLoss() {
            return curve.get(curve.size() - 1)[1];
        }
    }

    @Override
    public String run(final String[] args) throws Exception {
        Path runs = RecipeRun.runsRoot();
        int steps = 20000;
        int samples = 5000;
        Path out = Path.of("benchmarks/results/repa-study-20k");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Path.of(args[++i]);
                case "--steps" -> steps = Integer.parseInt(args[++i]);
                case "--samples" -> samples = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("Unknown argument " + args[i]
                    + " (known: --runs DIR --steps N --samples M --out DIR)");
            }
        }
        var arms = new LinkedHashMap<String, List<Recorded>>();
        for (var arm : ARMS) {
            arms.put(arm, read(runs, arm, steps, samples));
        }
        var none = arms.get(NONE);
        System.out.printf(Locale.ROOT, "REPA study: %d steps, %d samples per run, runs under %s%n", steps, samples, runs);
        System.out.println("| arm | setting | seeds | final val. loss | alignment cosine | steps to no-REPA final loss"
            + " (÷ total) | connected_valid | mol_stable_perceived | valid_unique | Fréchet distance |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        String best = null;
        double bestLoss = Double.POSITIVE_INFINITY;
        for (var e : arms.entrySet()) {
            var rs = e.getValue();
            var ratios = e.getKey().equals(NONE) ? List.<Double>of() : ratios(rs, none, steps);
            System.out.printf(Locale.ROOT, "| %s | %s | %d | %s | %s | %s | %s | %s | %s | %s |%n", e.getKey(),
                Qm9Recipes.get(e.getKey()).change(), rs.size(), pm(rs.stream().map(Recorded::finalLoss).toList(), 4),
                pm(rs.stream().map(r -> r.curve().get(r.curve().size() - 1)[2]).toList(), 3),
                e.getKey().equals(NONE) ? "–" : pm(ratios, 2), pm(metric(rs, "connected_valid"), 4),
                pm(metric(rs, "mol_stable_perceived"), 4), pm(metric(rs, "valid_unique"), 4), pm(metric(rs, "frechet"), 3));
            double mean = mean(rs.stream().map(Recorded::finalLoss).toList());
            if (!e.getKey().equals(NONE) && !rs.isEmpty() && mean < bestLoss) {
                bestLoss = mean;
                best = e.getKey();
            }
        }
        System.out.println();
        System.out.println("Paired by seed (mean ± SD of the differences over the n seeds that have both runs):");
        System.out.println("| comparison | n | Δ final val. loss | Δ connected_valid | Δ mol_stable_perceived | Δ valid_unique"
            + " | Δ Fréchet distance |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (var c : COMPARISONS) {
            var a = arms.get(c[0]);
            var b = arms.get(c[1]);
            var loss = paired(a, b, Recorded::finalLoss);
            System.out.printf(Locale.ROOT, "| %s − %s | %d | %s | %s | %s | %s | %s |%n", c[0], c[1], loss.size(),
                pm(loss, 4), pm(paired(a, b, "connected_valid"), 4), pm(paired(a, b, "mol_stable_perceived"), 4),
                pm(paired(a, b, "valid_unique"), 4), pm(paired(a, b, "frechet"), 3));
        }
        Files.createDirectories(out);
        RepaStudyCurves.write(arms, out);
        int seeds = arms.values().stream().mapToInt(List::size).min().orElse(0);
        if (best == null || none.isEmpty()) {
            return String.format(Locale.ROOT, "seeds=%d steps=%d arms=%d (no REPA arm and no-REPA run recorded yet)", seeds,
                steps, arms.values().stream().filter(l -> !l.isEmpty()).count());
        }
        var r = ratios(arms.get(best), none, steps);
        var delta = paired(arms.get(best), none, "mol_stable_perceived");
        return String.format(Locale.ROOT, "seeds=%d steps=%d arms=%d best=%s steps_ratio=%.3f steps_ratio_sd=%.3f"
            + " mol_stable_perceived_delta=%.4f mol_stable_perceived_delta_sd=%.4f", seeds, steps,
            arms.values().stream().filter(l -> !l.isEmpty()).count(), best, mean(r), sd(r), mean(delta), sd(delta));
    }

    /** @return the recorded runs of an arm: folders ARM-seedS-STEPS with a finished curve */
    static List<Recorded> read(final Path runs, final String arm, final int steps, final int samples)
        throws IOException {
        var out = new ArrayList<Recorded>();
        for (long seed = 1; seed <= 10; seed++) {
            var dir = runs.resolve(String.format(Locale.ROOT, "%s-seed%d-%d", arm, seed, steps));
            var curve = RecipeRun.readCurve(dir.resolve("curve.csv"));
            if (!Files.exists(dir.resolve("model.zip")) || curve.isEmpty()) {
                continue; // still training
            }
            var eval = new LinkedHashMap<String, Double>();
            var file = dir.resolve("eval-heun25-" + samples + ".txt");
            if (Files.exists(file)) {
                RecipeRun.parseEvaluation(Files.readString(file)).forEach((k, v) -> {
                    try {
                        eval.put(k, Double.parseDouble(v));
                    } catch (NumberFormatException e) {
                        // recipe=…, sampler=…: not numbers
                    }
                });
            }
            out.add(new Recorded(seed, curve, eval));
        }
        return out;
    }

    /** @return per seed present in both: steps for the REPA run to reach the no-REPA run's final loss ÷ total */
    static List<Double> ratios(final List<Recorded> repa, final List<Recorded> none, final int steps) {
        var out = new ArrayList<Double>();
        for (var r : repa) {
            none.stream().filter(n -> n.seed() == r.seed()).findFirst()
                .ifPresent(n -> out.add(stepsToReach(r.curve(), n.finalLoss()) / steps));
        }
        return out;
    }

    /** @return the first (interpolated) step at which the curve is at or below the target, NaN if never */
    static double stepsToReach(final List<double[]> curve, final double target) {
        for (int i = 0; i < curve.size(); i++) {
            if (curve.get(i)[1] <= target) {
                if (i == 0) {
                    return curve.get(0)[0];
                }
                var a = curve.get(i - 1);
                var b = curve.get(i);
                return a[0] + (b[0] - a[0]) * (a[1] - target) / (a[1] - b[1]);
            }
        }
        return Double.NaN;
    }

    /** @return per seed present in both: evaluation metric {@code key} of run a minus that of run b */
    static List<Double> paired(final List<Recorded> a, final List<Recorded> b, final String key) {
        return paired(a, b, r -> r.eval().getOrDefault(key, Double.NaN));
    }

    /** @return per seed present in both: the value of run a minus that of run b */
    static List<Double> paired(final List<Recorded> a, final List<Recorded> b,
        final java.util.function.ToDoubleFunction<Recorded> value) {
        var out = new ArrayList<Double>();
        for (var r : a) {
            b.stream().filter(n -> n.seed() == r.seed()).findFirst()
                .ifPresent(n -> out.add(value.applyAsDouble(r) - value.applyAsDouble(n)));
        }
        return out;
    }

    private static List<Double> metric(final List<Recorded> rs, final String key) {
        return rs.stream().map(r -> r.eval().getOrDefault(key, Double.NaN)).toList();
    }

    static double mean(final List<Double> xs) {
        return xs.isEmpty() ? Double.NaN : xs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** @return the sample standard deviation (n − 1), NaN below two values */
    static double sd(final List<Double> xs) {
        if (xs.size() < 2) {
            return Double.NaN;
        }
        double m = mean(xs);
        return Math.sqrt(xs.stream().mapToDouble(x -> (x - m) * (x - m)).sum() / (xs.size() - 1));
    }

    private static String pm(final List<Double> all, final int digits) {
        var xs = all.stream().filter(x -> !x.isNaN()).toList(); // e.g. no alignment cosine without REPA
        if (xs.isEmpty()) {
            return "–";
        }
        var f = "%." + digits + "f";
        return xs.size() < 2 ? String.format(Locale.ROOT, f, mean(xs))
            : String.format(Locale.ROOT, f + " ± " + f, mean(xs), sd(xs));
    }
}
