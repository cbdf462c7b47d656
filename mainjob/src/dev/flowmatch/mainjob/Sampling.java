package dev.flowmatch.mainjob;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.openscience.cdk.interfaces.IAtomContainer;

import dev.flowmatch.engine.chem.AtomVocabulary;
import dev.flowmatch.engine.chem.Reconstruction;
import dev.flowmatch.engine.flow.solver.SolverKind;
import dev.flowmatch.engine.flow.solver.TimeGrid;
import dev.flowmatch.engine.metrics.DistributionMetrics;
import dev.flowmatch.engine.train.FlowModel;

/** Samples molecules in chunks within the budget, rebuilds bonds, measures them, writes SDF and metrics. */
final class Sampling {

    /**
     * Molecules per chunk: the budget is checked between chunks. Each chunk is sorted by size inside
     * generate (batches of {@link #BATCH} pad little); chunks keep the random order of the atom counts, so a
     * run stopped early by its budget still samples the model's size distribution.
     */
    static final int CHUNK = 128;

    static final int BATCH = 64;

    /** Seconds kept back at the end for measuring and writing, per molecule and in all. */
    private static final double FINISH_PER_MOLECULE = 0.004;

    private static final double FINISH_FIXED = 2;

    private Sampling() {
    }

    /** @return seconds kept for measuring and writing {@code molecules} molecules after sampling them */
    static double finishSeconds(final int molecules) {
        return FINISH_FIXED + FINISH_PER_MOLECULE * molecules;
    }

    /** @param reference molecules to measure against (novelty, distribution distances), or null */
    static void run(final FlowModel model, final AtomVocabulary vocabulary, final List<IAtomContainer> reference,
        final SolverKind kind, final int steps, final Options o, final Budget budget, final Path dir) throws Exception {
        var counts = model.sampleAtomCounts(o.samples, new Random(o.seed));
        var grid = TimeGrid.uniform(steps);
        var generated = new ArrayList<Reconstruction.Result>();
        var bar = new ProgressBar(System.out);
        long start = System.nanoTime();
        double perMolecule = Double.NaN; // of the last chunk: the first carries warm-up, the machine's load changes
        int done = 0;
        while (done < counts.length) {
            int end = Math.min(counts.length, done + CHUNK);
            if (done > 0 && budget.limited()) {
                double need = (end - done) * perMolecule + finishSeconds(end);
                if (need > budget.remaining()) {
                    System.out.printf(Locale.ROOT, "%nstopped sampling after %d of %d molecules: the %s budget runs out"
                        + " (use --minutes to allow more)%n", done, counts.length, budget.describe());
                    break;
                }
            }
            // titles number the molecules run-wide ("generated 1" ... "generated N")
            long t0 = System.nanoTime();
            var g = model.generate(Arrays.copyOfRange(counts, done, end), kind.create(), grid, o.seed + done, BATCH,
                false, done + 1);
            for (var c : g.clouds()) {
                generated.add(Reconstruction.rebuild(c, vocabulary, model.representation().explicitHydrogens()));
            }
            perMolecule = (System.nanoTime() - t0) / 1e9 / (end - done);
            done = end;
            bar.update(done, counts.length, "sampled " + done + "/" + counts.length + " molecules");
        }
        Outputs.sdf(generated, dir.resolve("generated.sdf"));
        var mols = generated.stream().map(Reconstruction.Result::molecule).toList();
        var metrics = DistributionMetrics.compute(mols, reference, reference, null, null, null,
            DistributionMetrics.Options.defaults());
        Outputs.metrics(metrics.values(), metrics.missing(), dir.resolve("metrics.csv"));
        Outputs.bondLengths(metrics.histograms(), dir.resolve("bond-lengths.csv"));
        var v = metrics.values();
        var why = metrics.missing();
        java.util.function.Function<String, String> f = name -> Outputs.figure(v.get(name), why.get(name));
        System.out.printf(Locale.ROOT, "generated %d molecules in %.0f s: molecule stability (EDM) %s (atom stability"
            + " %s; EDM's own models: 0.82, QM9 itself: 0.95), connected validity %s, validity %s, valid & unique"
            + " %s, %s%s fragments per molecule%n", mols.size(), (System.nanoTime() - start) / 1e9,
            f.apply(DistributionMetrics.MOLECULE_STABILITY_EDM), f.apply(DistributionMetrics.ATOM_STABILITY_EDM),
            f.apply(DistributionMetrics.CONNECTED_VALIDITY), f.apply("Validity"), f.apply("Valid & unique"),
            reference == null ? "" : "novelty " + f.apply("Novelty") + ", ", f.apply("Fragments per molecule"));
        Double bonds = v.get(DistributionMetrics.BOND_LENGTH_W1);
        if (bonds != null && !bonds.isNaN()) {
            System.out.printf(Locale.ROOT, "bond geometry against the training set: bond length W1 %.4f Å (heavy atoms),"
                + " bond angle W1 %.2f°%n", bonds, v.get(DistributionMetrics.BOND_ANGLE_W1));
        }
        System.out.printf(Locale.ROOT, "stability by perceived bonds (lenient, not EDM's rule): molecules %s, atoms"
            + " %s%n", f.apply(DistributionMetrics.MOLECULE_STABILITY_PERCEIVED),
            f.apply(DistributionMetrics.ATOM_STABILITY_PERCEIVED));
    }
}
