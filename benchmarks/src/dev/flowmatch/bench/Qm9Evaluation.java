package dev.flowmatch.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.openscience.cdk.interfaces.IAtomContainer;

import ai.djl.Device;
import dev.flowmatch.engine.chem.AtomVocabulary;
import dev.flowmatch.engine.chem.Reconstruction;
import dev.flowmatch.engine.flow.solver.SolverKind;
import dev.flowmatch.engine.flow.solver.TimeGrid;
import dev.flowmatch.engine.metrics.DistributionMetrics;
import dev.flowmatch.engine.metrics.ReferenceSet;
import dev.flowmatch.engine.train.FlowModel;

/**
 * Samples a model and measures the molecules as papers do (connected validity and molecule stability first,
 * stability with the generated charges and by EDM's neutral table), against a held-out reference, with
 * novelty against the training set and the 3D geometry checks.
 */
final class Qm9Evaluation {

    /** A fixed-step sampler within the 50-evaluation budget: solver, steps, grid. */
    record Sampler(String name, SolverKind kind, int steps, boolean logGrid) {

        static Sampler parse(final String name) {
            var m = java.util.regex.Pattern.compile("(euler|heun|midpoint|rk4)(\\d+)(-log)?").matcher(name);
            if (!m.matches()) {
                throw new IllegalArgumentException("Sampler \"" + name + "\": expected e.g. heun25, euler50,"
                    + " heun25-log (log-spaced steps toward t = 1)");
            }
            return new Sampler(name, SolverKind.valueOf(m.group(1).toUpperCase(Locale.ROOT)),
                Integer.parseInt(m.group(2)), m.group(3) != null);
        }

        TimeGrid grid() {
            return logGrid ? TimeGrid.logSpacedTowardOne(steps, 0.01) : TimeGrid.uniform(steps);
        }
    }

    /**
     * @param values every metric by name
     * @param nfe field evaluations per molecule
     * @param sampleSeconds integration + perception
     * @param perceptionSeconds bond perception and checks
     */
    record Result(Map<String, Double> values, int nfe, double sampleSeconds, double perceptionSeconds,
        List<Reconstruction.Result> molecules) {
    }

    /** The held-out reference and the training SMILES, prepared once for many evaluations. */
    record Reference(ReferenceSet test, Set<String> trainingSmiles) {

        static Reference of(final Qm9Full qm9) {
            long t0 = System.nanoTime();
            var r = new Reference(ReferenceSet.of(qm9.testMolecules()),
                DistributionMetrics.canonical(qm9.trainMolecules()));
            System.out.printf(Locale.ROOT, "reference: %d test molecules, %d distinct training SMILES, prepared in"
                + " %.0f s%n", qm9.testMolecules().size(), r.trainingSmiles.size(), (System.nanoTime() - t0) / 1e9);
            return r;
        }
    }

    static Result evaluate(final Path modelFile, final Sampler sampler, final int samples, final Reference reference)
        throws Exception {
        try (var model = FlowModel.load(modelFile, Device.cpu())) {
            var rep = model.representation();
            var vocabulary = AtomVocabulary.parse(rep.vocabulary());
            var counts = model.sampleAtomCounts(samples, new Random(7));
            long t0 = System.nanoTime();
            var generated = model.generate(counts, sampler.kind().create(), sampler.grid(), 11, 100);
            long t1 = System.nanoTime();
            var rebuilt = generated.clouds().parallelStream()
                .map(c -> Reconstruction.rebuild(c, vocabulary, rep.explicitHydrogens())).toList();
            long t2 = System.nanoTime();
            var mols = new ArrayList<IAtomContainer>(rebuilt.stream().map(Reconstruction.Result::molecule).toList());
            var metrics = DistributionMetrics.compute(mols, reference.test(), reference.trainingSmiles(), null, null,
                null, DistributionMetrics.Options.defaults());
            return new Result(new LinkedHashMap<>(metrics.values()), generated.nfe(), (t2 - t0) / 1e9,
                (t2 - t1) / 1e9, rebuilt);
        }
    }

    /** The metrics a summary line and the ablation table report, in order, with their short keys. */
    static final String[][] HEADLINE = {{"atom_stable", "Atom stability"}, {"mol_stable", "Molecule stability"},
        {"valid", "Validity"}, {"connected_valid", DistributionMetrics.CONNECTED_VALIDITY},
        {"valid_unique", "Valid & unique"}, {"novelty", "Novelty"}, {"geometry_ok", "Geometry OK"},
        {"mol_stable_neutral", "Molecule stability (neutral table)"},
        {"atom_stable_neutral", "Atom stability (neutral table)"}, {"connectivity", "Connectivity"},
        {"fragments", "Fragments per molecule"}, {"frechet", "Fréchet distance"}};

    /** The keys of the summary lines before the times (qm9-quality's order). */
    static final String[] LEADING = {"atom_stable", "mol_stable", "valid", "connected_valid", "valid_unique", "novelty",
        "geometry_ok"};

    /** The keys qm9-quality adds after the times. */
    static final String[] TRAILING = {"mol_stable_neutral", "atom_stable_neutral", "connectivity", "fragments",
        "frechet"};

    /** @return "key=value ..." of the given headline keys */
    static String keyValues(final Result r, final String... keys) {
        var sb = new StringBuilder();
        for (var key : keys) {
            var name = java.util.Arrays.stream(HEADLINE).filter(h -> h[0].equals(key)).findFirst().orElseThrow()[1];
            // "Fréchet distance" carries its embedding in the name, e.g. "Fréchet distance (ECFP4-256)"
            double v = r.values().entrySet().stream().filter(e -> e.getKey().equals(name)
                || e.getKey().startsWith(name + " (")).map(java.util.Map.Entry::getValue).findFirst().orElse(Double.NaN);
            sb.append(String.format(Locale.ROOT, " %s=%.4f", key, v));
        }
        return sb.toString().trim();
    }

    static void print(final Result r) {
        for (var e : r.values().entrySet()) {
            System.out.printf(Locale.ROOT, "%-40s %10.4f%n", e.getKey(), e.getValue());
        }
        System.out.println("unstable atoms by type and bond-order sum vs allowed (share of all atoms):");
        var counts = new java.util.TreeMap<String, Integer>();
        long atoms = 0;
        for (var m : r.molecules()) {
            var mol = m.molecule();
            atoms += mol.getAtomCount();
            for (var a : mol.atoms()) {
                if (!dev.flowmatch.engine.chem.MoleculeChecks.isStable(mol, a)) {
                    int q = a.getFormalCharge() == null ? 0 : a.getFormalCharge();
                    int v = a.getImplicitHydrogenCount() == null ? 0 : a.getImplicitHydrogenCount();
                    for (var b : mol.getConnectedBondsList(a)) {
                        v += b.getOrder() == null ? 0 : b.getOrder().numeric();
                    }
                    var allowed = dev.flowmatch.engine.chem.Valences.allowed(a.getAtomicNumber(), q);
                    String kind = allowed.length == 0 ? "no rule" : v < allowed[0] ? "under" : "over";
                    counts.merge(a.getSymbol() + (q > 0 ? "+" : q < 0 ? "-" : "") + " " + kind + " (sum " + v + ")", 1,
                        Integer::sum);
                }
            }
        }
        final long total = atoms;
        counts.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(12).forEach(e -> System.out
            .printf(Locale.ROOT, "  %-24s %6d  %.4f%n", e.getKey(), e.getValue(), e.getValue() / (double)total));
    }

    private Qm9Evaluation() {
    }
}
