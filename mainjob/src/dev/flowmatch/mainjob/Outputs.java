package dev.flowmatch.mainjob;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.flowmatch.engine.chem.Reconstruction;
import dev.flowmatch.engine.metrics.EdmStability;
import dev.flowmatch.engine.train.EpochMetrics;

/** The main job's files. */
final class Outputs {

    private Outputs() {
    }

    /**
     * Generated molecules as SDF, each with its SMILES and check flags as data items ("Stable (EDM)" is empty where
     * EDM's rule cannot judge the molecule, e.g. a model without hydrogens).
     */
    static void sdf(final List<Reconstruction.Result> generated, final Path file) throws IOException {
        var sb = new StringBuilder();
        for (var r : generated) {
            if (r.sdf() == null) {
                continue;
            }
            var block = r.sdf().substring(0, r.sdf().lastIndexOf("$$$$"));
            sb.append(block);
            item(sb, "SMILES", r.smiles() == null ? "" : r.smiles());
            item(sb, "Valid", Boolean.toString(r.report().valid()));
            var edm = EdmStability.check(r.molecule());
            item(sb, "Stable (EDM)", edm.judged() ? Boolean.toString(edm.moleculeStable()) : "");
            item(sb, "Stable (perceived bonds)", Boolean.toString(r.report().perceivedMoleculeStable()));
            item(sb, "Connected", Boolean.toString(r.report().connected()));
            sb.append("$$$$\n");
        }
        Files.writeString(file, sb);
    }

    private static void item(final StringBuilder sb, final String name, final String value) {
        sb.append("> <").append(name).append(">\n").append(value).append("\n\n");
    }

    /** @param missing why a value is missing (NaN), written as the row's note */
    static void metrics(final Map<String, Double> values, final Map<String, String> missing, final Path file)
        throws IOException {
        var lines = new ArrayList<String>();
        lines.add("metric,value,note");
        values.forEach((k, v) -> lines.add(CsvCells.text(k) + "," + (v == null || v.isNaN() ? ","
            + CsvCells.text("n/a: " + missing.getOrDefault(k, "not computed")) : String.format(Locale.ROOT, "%.6g,",
                v))));
        Files.write(file, lines);
    }

    /** @return the value with three decimals, or "n/a (why)" when it could not be computed */
    static String figure(final Double value, final String why) {
        return value == null || value.isNaN() ? "n/a (" + (why == null ? "not computed" : why) + ")"
            : String.format(Locale.ROOT, "%.3f", value);
    }

    /** Bonded distances per element pair in 0.01 Å bins, generated against the reference (0 without one). */
    static void bondLengths(final List<dev.flowmatch.engine.metrics.BondGeometry.HistogramBin> bins, final Path file)
        throws IOException {
        var lines = new ArrayList<String>();
        lines.add("element_pair,from_angstrom,to_angstrom,generated,reference");
        for (var b : bins) {
            lines.add(String.format(Locale.ROOT, "%s,%.2f,%.2f,%d,%d", b.pair(), b.from(), b.to(), b.generated(),
                b.reference()));
        }
        Files.write(file, lines);
    }

    static void curve(final List<EpochMetrics> epochs, final Path file) throws IOException {
        var lines = new ArrayList<String>();
        lines.add("epoch,step,loss,coord_loss,type_loss,repa_loss,cosine,validation_loss,learning_rate,seconds");
        for (var e : epochs) {
            lines.add(String.format(Locale.ROOT, "%d,%d,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.3f", e.epoch(), e.step(),
                e.loss(), e.coordLoss(), e.typeLoss(), e.repaLoss(), e.cosine(), e.validationLoss(), e.learningRate(),
                e.seconds()).replace("NaN", ""));
        }
        Files.write(file, lines);
    }
}
