package dev.flowmatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The REPA study's validation curves per arm, mean over seeds with a ± SD band, as PNG and CSV: the losses
 * themselves, and each REPA run's loss minus the no-REPA run's of the same seed (differences of a few
 * hundredths are invisible on a curve that falls from 1.2 to 0.85; pairing by seed also removes what the
 * seed's batches and noise do to both).
 */
final class RepaStudyCurves {

    private RepaStudyCurves() {
    }

    private static final java.awt.Color[] COLORS = {new java.awt.Color(0x33, 0x33, 0x33), new java.awt.Color(0xd6, 0x27,
        0x28), new java.awt.Color(0x1f, 0x77, 0xb4), new java.awt.Color(0x2c, 0xa0, 0x2c)};

    static void write(final Map<String, List<RepaStudyBenchmark.Recorded>> arms, final Path out) throws IOException {
        var chart = StudyReport.chart("REPA study: validation loss (mean ± SD over seeds; REPA term excluded)",
            "validation loss");
        var diff = StudyReport.chart("REPA study: validation loss minus the no-REPA run's (same seed; mean ± SD)",
            "Δ validation loss");
        var none = arms.get(RepaStudyBenchmark.NONE);
        int arm = -1;
        for (var e : arms.entrySet()) {
            arm++;
            var runs = e.getValue();
            if (runs.isEmpty()) {
                continue;
            }
            var color = COLORS[arm % COLORS.length];
            var byStep = new TreeMap<Double, List<Double>>();
            for (var r : runs) {
                for (var p : r.curve()) {
                    byStep.computeIfAbsent(p[0], k -> new ArrayList<>()).add(p[1]);
                }
            }
            banded(chart, e.getKey(), runs.size(), color, byStep, out.resolve(e.getKey() + ".csv"),
                "mean_validation_loss");
            if (e.getKey().equals(RepaStudyBenchmark.NONE)) {
                continue;
            }
            var deltas = new TreeMap<Double, List<Double>>();
            int paired = 0;
            for (var r : runs) {
                var n = none.stream().filter(x -> x.seed() == r.seed()).findFirst();
                if (n.isEmpty()) {
                    continue;
                }
                paired++;
                var reference = new TreeMap<Double, Double>();
                n.get().curve().forEach(p -> reference.put(p[0], p[1]));
                for (var p : r.curve()) {
                    if (reference.containsKey(p[0])) {
                        deltas.computeIfAbsent(p[0], k -> new ArrayList<>()).add(p[1] - reference.get(p[0]));
                    }
                }
            }
            if (paired > 0) {
                banded(diff, e.getKey(), paired, color, deltas, out.resolve(e.getKey() + "-minus-none.csv"),
                    "mean_delta_validation_loss");
            }
        }
        if (!diff.getSeriesMap().isEmpty()) { // the line REPA has to get below
            var steps = none.stream().flatMap(r -> r.curve().stream()).mapToDouble(p -> p[0]).sorted().toArray();
            var zero = diff.addSeries("no REPA", new double[]{steps[0], steps[steps.length - 1]}, new double[2]);
            zero.setMarker(SeriesMarkers.NONE);
            zero.setLineColor(COLORS[0]);
        }
        StudyReport.save(chart, out.resolve("validation-loss.png"));
        StudyReport.save(diff, out.resolve("validation-loss-minus-none.png"));
    }

    /** Adds the mean line and dashed ± SD lines of values per step, and writes them as CSV. */
    private static void banded(final XYChart chart, final String arm, final int seeds, final java.awt.Color color,
        final TreeMap<Double, List<Double>> byStep, final Path csvFile, final String what) throws IOException {
        var x = new ArrayList<Double>();
        var mean = new ArrayList<Double>();
        var lo = new ArrayList<Double>();
        var hi = new ArrayList<Double>();
        var csv = new ArrayList<String>();
        csv.add("step," + what + ",sd,seeds");
        for (var s : byStep.entrySet()) {
            double m = RepaStudyBenchmark.mean(s.getValue());
            double sd = s.getValue().size() < 2 ? 0 : RepaStudyBenchmark.sd(s.getValue());
            x.add(s.getKey());
            mean.add(m);
            lo.add(m - sd);
            hi.add(m + sd);
            csv.add(String.format(Locale.ROOT, "%.0f,%.6f,%.6f,%d", s.getKey(), m, sd, s.getValue().size()));
        }
        var name = arm + " (" + seeds + " seed" + (seeds == 1 ? "" : "s") + ")";
        var line = chart.addSeries(name, x, mean);
        line.setMarker(SeriesMarkers.NONE);
        line.setLineColor(color);
        for (var band : List.of(lo, hi)) {
            var b = chart.addSeries(name + (band == lo ? " − SD" : " + SD"), x, band);
            b.setMarker(SeriesMarkers.NONE);
            b.setLineColor(color);
            b.setLineStyle(new java.awt.BasicStroke(1f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER,
                1f, new float[]{4f, 4f}, 0f));
            b.setShowInLegend(false);
        }
        Files.write(csvFile, csv);
    }
}
