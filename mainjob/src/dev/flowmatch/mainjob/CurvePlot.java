package dev.flowmatch.mainjob;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

import dev.flowmatch.engine.train.StepMetrics;
import dev.flowmatch.engine.train.ValidationMetrics;

/** The training curve as a PNG (XChart): training loss per step (moving average) and validation loss. */
final class CurvePlot {

    private CurvePlot() {
    }

    static void write(final List<StepMetrics> steps, final List<ValidationMetrics> validations, final Path png)
        throws IOException {
        var chart = new XYChartBuilder().width(900).height(540).title("Flow-matching training")
            .xAxisTitle("step").yAxisTitle("loss").build();
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        chart.getStyler().setYAxisDecimalPattern("0.00");
        // whole steps with thousands separators on an axis from 0 to a round number: XChart's default packed
        // labels such as "1000.0" so tightly that they ran together, and an axis ending at an odd step count
        // gets odd ticks (1,438, 2,876, ...)
        int last = steps.isEmpty() ? 1 : steps.get(steps.size() - 1).step();
        chart.getStyler().setXAxisDecimalPattern("#,##0").setXAxisMin(0.0).setXAxisMax(niceCeiling(last));
        var x = new ArrayList<Double>();
        var y = new ArrayList<Double>();
        int window = Math.max(1, steps.size() / 50);
        double sum = 0;
        for (int i = 0; i < steps.size(); i++) {
            sum += steps.get(i).loss();
            if (i >= window) {
                sum -= steps.get(i - window).loss();
            }
            x.add((double)steps.get(i).step());
            y.add(sum / Math.min(i + 1, window));
        }
        chart.addSeries("training loss (moving average of " + window + ")", x, y).setMarker(SeriesMarkers.NONE);
        if (!validations.isEmpty()) {
            var vx = validations.stream().map(v -> (double)v.step()).toList();
            var vy = validations.stream().map(v -> v.loss()).toList();
            chart.addSeries("validation loss", vx, vy);
        }
        try (var out = java.nio.file.Files.newOutputStream(png)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }

    /** @return the smallest 1, 2, 2.5 or 5 times a power of ten that is at least x */
    static double niceCeiling(final double x) {
        double p = Math.pow(10, Math.floor(Math.log10(Math.max(1, x))));
        for (double m : new double[]{1, 2, 2.5, 5, 10}) {
            if (m * p >= x) {
                return m * p;
            }
        }
        return 10 * p;
    }
}
