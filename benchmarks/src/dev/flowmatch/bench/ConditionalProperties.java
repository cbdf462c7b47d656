package dev.flowmatch.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.openscience.cdk.interfaces.IAtomContainer;

import dev.flowmatch.engine.metrics.MoleculeProfile;
import dev.flowmatch.engine.metrics.MoleculeProfiler;

/**
 * The conditioned properties (TPSA, logP) of molecules, exactly as the metrics compute them for generated ones
 * ({@link MoleculeProfiler}: CDK on the largest fragment), cached in a CSV beside the run (QM9's 118,000 molecules
 * take minutes).
 */
final class ConditionalProperties {

    private ConditionalProperties() {
    }

    /** @return per molecule {TPSA, logP}, or null where CDK cannot compute them */
    static double[][] of(final List<IAtomContainer> molecules, final Path cache) throws Exception {
        if (Files.exists(cache)) {
            var lines = Files.readAllLines(cache);
            if (lines.size() == molecules.size() + 1) {
                var out = new double[molecules.size()][];
                for (int i = 0; i < out.length; i++) {
                    var f = lines.get(i + 1).split(",");
                    out[i] = f[0].isEmpty() ? null : new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1])};
                }
                return out;
            }
        }
        long t0 = System.nanoTime();
        var out = molecules.parallelStream().map(m -> {
            var p = MoleculeProfiler.profile(m);
            return p.descriptors() == null ? null : pick(p.descriptors());
        }).toArray(double[][]::new);
        var csv = new StringBuilder(String.join(",", ConditionalQm9Benchmark.PROPERTIES)).append('\n');
        for (var v : out) {
            csv.append(v == null ? "," : String.format(Locale.ROOT, "%.6f,%.6f", v[0], v[1])).append('\n');
        }
        var tmp = cache.resolveSibling(cache.getFileName() + ".tmp");
        Files.writeString(tmp, csv);
        Files.move(tmp, cache, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        System.out.printf(Locale.ROOT, "properties of %,d molecules in %.0f s -> %s%n", out.length,
            (System.nanoTime() - t0) / 1e9, cache);
        return out;
    }

    /** @return {TPSA, logP} from a profile's descriptors */
    static double[] pick(final double[] descriptors) {
        var names = MoleculeProfile.DESCRIPTOR_NAMES;
        return new double[] {descriptors[names.indexOf("TPSA")], descriptors[names.indexOf("logP")]};
    }
}
