package dev.flowmatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.knowm.xchart.style.markers.SeriesMarkers;

/** The REPA study's validation curves per arm: mean over seeds with a ± SD band, as PNG and CSV. */
final class RepaStudyCurves {

    private RepaStudyCurves() {
    }

    private static final java.awt.Color[] COLORS = {new java.awt.Color(0x33, 0x33, 0x33), new java.awt.Color(0xd6, 0x27,
        0x28), new java.awt.Color(0x1f, 0x77, 0xb4), new java.awt.Color(0x2c, 0xa0, 0x2c)};

    static void write(final Map<String, List<RepaStudyBenchmark.Recorded>> arms, final Path out) throws IOException {
        var chart = StudyReport.chart("REPA study: validation loss (mean ± SD over seeds; REPA term excluded)",
            "validation loss");
        int arm = -1;
        for (var e : arms.entrySet()) {
            arm++;
            if (e.getValue().isEmpty()) {
                continue;
            }
            var byStep = new TreeMap<Double, List<Double>>();
            for (var r : e.getValue()) {
                for (var p : r.curve()) {
                    byStep.computeIfAbsent(p[0], k -> new ArrayList<>()).add(p[1]);
                }
            }
            var x = new ArrayList<Double>();
            var mean = new ArrayList<Double>();
            var lo = new ArrayList<Double>();
            var hi = new ArrayList<Double>();
            var csv = new ArrayList<String>();
            csv.add("step,mean_validation_loss,sd,seeds");
            for (var s : byStep.entrySet()) {
                double m = RepaStudyBenchmark.mean(s.getValue());
                double sd = s.getValue().size() < 2 ? 0 : RepaStudyBenchmark.sd(s.getValue());
                x.add(s.getKey());
                mean.add(m);
                lo.add(m - sd);
                hi.add(m + sd);
                csv.add(String.format(Locale.ROOT, "%.0f,%.6f,%.6f,%d", s.getKey(), m, sd, s.getValue().size()));
            }
            var name = e.getKey() + " (" + e.getValue().size() + " seed" + (e.getValue().size() == 1 ? "" : "s") + ")";
            var line = chart.addSeries(name, x, mean);
            line.setMarker(SeriesMarkers.NONE);
            var color = COLORS[arm % COLORS.length];
            line.setLineColor(color);
            for (var band : List.of(lo, hi)) {
                var b = chart.addSeries(name + (band == lo ? " − SD" : " + SD"), x, band);
                b.setMarker(SeriesMarkers.NONE);
                b.setLineColor(color);
                b.setLineStyle(new java.awt.BasicStroke(1f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER,
                    1f, new float[]{4f, 4f}, 0f));
                b.setShowInLegend(false);
            }
            Files.write(out.resolve(e.getKey() + ".csv"), csv);
        }
        StudyReport.save(chart, out.resolve("validation-loss.png"));
    }
}
