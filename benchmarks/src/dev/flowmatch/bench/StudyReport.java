package dev.flowmatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import dev.flowmatch.bench.RepaStudy2kBenchmark.Outcome;
import dev.flowmatch.engine.metrics.DistributionMetrics;

/** The REPA study's outputs: a CSV per run, curves as PNG (XChart) and the final table (Markdown). */
final class StudyReport {

    private static final String[] COLUMNS = {DistributionMetrics.MOLECULE_STABILITY_EDM,
        DistributionMetrics.ATOM_STABILITY_EDM, "Validity", "Connectivity",
        "Uniqueness", "Novelty", "Fréchet distance", "MMD² (Tanimoto, ECFP4)", "KL score"};

    private StudyReport() {
    }

    /** @return the moving average over a window of 1/30 of the run (at least 1 step) */
    static double[] smooth(final double[] values) {
        int window = Math.max(1, values.length / 30);
        var out = new double[values.length];
        double sum = 0;
        for (int i = 0; i < values.length; i++) {
            sum += values[i];
            if (i >= window) {
                sum -= values[i - window];
            }
            out[i] = sum / Math.min(i + 1, window);
        }
        return out;
    }

    static void csv(final Outcome o, final Path file) throws IOException {
        var lines = new ArrayList<String>();
        lines.add("step,validation_flow_loss,validation_cosine");
        for (var v : o.validation()) {
            lines.add(String.format(Locale.ROOT, "%d,%.5f,%.5f", (int)v[0], v[1], v[2]));
        }
        Files.write(file, lines);
    }

    static void charts(final List<Outcome> outcomes, final Path dir) throws IOException {
        var validation = chart("REPA study: validation flow-matching loss (QM9 held-out)", "validation loss");
        var training = chart("REPA study: training flow-matching loss (moving average)", "training loss");
        var cosine = chart("REPA study: validation alignment cosine", "cosine");
        for (var o : outcomes) {
            var name = o.run().name();
            validation.addSeries(name, column(o.validation(), 0), column(o.validation(), 1));
            var x = new ArrayList<Double>();
            var y = new ArrayList<Double>();
            for (int i = 0; i < o.smoothedLoss().length; i += Math.max(1, o.smoothedLoss().length / 300)) {
                x.add(i + 1.0);
                y.add(o.smoothedLoss()[i]);
            }
            training.addSeries(name, x, y).setMarker(SeriesMarkers.NONE);
            if (o.run().lambda() > 0) {
                cosine.addSeries(name, column(o.validation(), 0), column(o.validation(), 2));
            }
        }
        save(validation, dir.resolve("validation-loss.png"));
        save(training, dir.resolve("training-loss.png"));
        if (!cosine.getSeriesMap().isEmpty()) {
            save(cosine, dir.resolve("alignment-cosine.png"));
        }
    }

    static void table(final List<Outcome> outcomes) {
        var header = new StringBuilder("| run | setting | seconds | val. loss | cosine (constant) |");
        var rule = new StringBuilder("|---|---|---|---|---|");
        for (var c : COLUMNS) {
            header.append(' ').append(c).append(" |");
            rule.append("---|");
        }
        System.out.println(header);
        System.out.println(rule);
        for (var o : outcomes) {
            var row = new StringBuilder(String.format(Locale.ROOT, "| %s | %s | %.0f | %.4f | %s |", o.run().name(),
                o.run().describe(), o.seconds(), RepaStudy2kBenchmark.last(o), o.run().lambda() > 0
                    ? String.format(Locale.ROOT, "%.3f (%.3f)", o.valCosine(), o.constantCosine()) : "–"));
            for (var c : COLUMNS) {
                var v = o.metrics().entrySet().stream().filter(e -> e.getKey().startsWith(c)).map(e -> e.getValue())
                    .findFirst().orElse(null);
                row.append(v == null ? " – |" : String.format(Locale.ROOT, " %.3f |", v));
            }
            System.out.println(row);
        }
    }

    static XYChart chart(final String title, final String y) {
        var chart = new XYChartBuilder().width(1000).height(600).title(title).xAxisTitle("step").yAxisTitle(y).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setYAxisDecimalPattern("0.000");
        return chart;
    }

    private static List<Double> column(final List<double[]> rows, final int k) {
        return rows.stream().map(r -> r[k]).toList();
    }

    static void save(final XYChart chart, final Path png) throws IOException {
        try (var out = Files.newOutputStream(png)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }
}
