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
 * Samples a model and measures the molecules as papers do (molecule and atom stability by EDM's rule first, then
 * bond geometry against the reference and connected validity; stability by perceived bonds only after them, under
 * its own name), against a held-out reference, with novelty against the training set and the 3D geometry checks.
 */
final class Qm9Evaluation {

    /**
     * A fixed-step sampler: solver, steps, grid, and optional Langevin corrections (TABASCO-style noise), written
     * e.g. {@code heun25}, {@code euler200-log} (log-spaced steps toward t = 1), {@code euler100-log+lgv0-0.9-0.5}
     * (Langevin corrections of strength 0.5 after every step ending in [0, 0.9)).
     */
    record Sampler(String name, SolverKind kind, int steps, boolean logGrid, FlowModel.Langevin langevin) {

        static Sampler parse(final String name) {
            var m = java.util.regex.Pattern.compile(
                "(euler|heun|midpoint|rk4)(\\d+)(-log)?(\\+lgv([\\d.]+)-([\\d.]+)-([\\d.]+))?").matcher(name);
            if (!m.matches()) {
                throw new IllegalArgumentException("Sampler \"" + name + "\": expected e.g. heun25, euler50,"
                    + " heun25-log (log-spaced steps toward t = 1), euler100-log+lgv0-0.9-0.5 (Langevin corrections"
                    + " of strength 0.5 for t in [0, 0.9))");
            }
            var langevin = m.group(4) == null ? null : new FlowModel.Langevin(Double.parseDouble(m.group(5)),
                Double.parseDouble(m.group(6)), Double.parseDouble(m.group(7)));
            return new Sampler(name, SolverKind.valueOf(m.group(1).toUpperCase(Locale.ROOT)),
                Integer.parseInt(m.group(2)), m.group(3) != null, langevin);
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
     * @param profiles per molecule, as the metrics computed them (EDM's verdict among them), in molecule order
     * @param bondGeometry bond lengths and angles by type against the reference
     */
    record Result(Map<String, Double> values, int nfe, double sampleSeconds, double perceptionSeconds,
        List<Reconstruction.Result> molecules, List<dev.flowmatch.engine.metrics.MoleculeProfile> profiles,
        dev.flowmatch.engine.metrics.BondGeometry.Comparison bondGeometry) {
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
            var generated = model.generate(counts, sampler.kind().create(), sampler.grid(), 11, 100, false, 1,
                sampler.langevin());
            long t1 = System.nanoTime();
            var rebuilt = generated.clouds().parallelStream()
                .map(c -> Reconstruction.rebuild(c, vocabulary, rep.explicitHydrogens())).toList();
            long t2 = System.nanoTime();
            var mols = new ArrayList<IAtomContainer>(rebuilt.stream().map(Reconstruction.Result::molecule).toList());
            var metrics = DistributionMetrics.compute(mols, reference.test(), reference.trainingSmiles(), null, null,
                null, DistributionMetrics.Options.defaults());
            return new Result(new LinkedHashMap<>(metrics.values()), generated.nfe(), (t2 - t0) / 1e9,
                (t2 - t1) / 1e9, rebuilt, metrics.profiles(), metrics.bondGeometry());
        }
    }

    /** The metrics a summary line and the ablation table report, in order, with their short keys. */
    static final String[][] HEADLINE = {{"mol_stable_edm", DistributionMetrics.MOLECULE_STABILITY_EDM},
        {"atom_stable_edm", DistributionMetrics.ATOM_STABILITY_EDM}, {"bond_w1", DistributionMetrics.BOND_LENGTH_W1},
        {"angle_w1", DistributionMetrics.BOND_ANGLE_W1}, {"valid", "Validity"},
        {"connected_valid", DistributionMetrics.CONNECTED_VALIDITY}, {"valid_unique", "Valid & unique"},
        {"novelty", "Novelty"}, {"geometry_ok", "Geometry OK"},
        {"mol_stable_perceived", DistributionMetrics.MOLECULE_STABILITY_PERCEIVED},
        {"atom_stable_perceived", DistributionMetrics.ATOM_STABILITY_PERCEIVED},
        {"mol_stable_perceived_neutral", "Molecule stability (perceived bonds, neutral table)"},
        {"atom_stable_perceived_neutral", "Atom stability (perceived bonds, neutral table)"},
        {"connectivity", "Connectivity"}, {"fragments", "Fragments per molecule"}, {"frechet", "Fréchet distance"}};

    /**
     * Keys of result lines recorded before EDM's rule was computed (2026-12-04), when "mol_stable" and
     * "atom_stable" were the perceived-bond stability: read under their honest names.
     */
    static final java.util.Map<String, String> RENAMED_KEYS = java.util.Map.of("mol_stable", "mol_stable_perceived",
        "atom_stable", "atom_stable_perceived", "mol_stable_neutral", "mol_stable_perceived_neutral",
        "atom_stable_neutral", "atom_stable_perceived_neutral");

    /** The keys of the summary lines before the times (qm9-quality's order): EDM's stability first. */
    static final String[] LEADING = {"mol_stable_edm", "atom_stable_edm", "bond_w1", "angle_w1", "valid",
        "connected_valid", "valid_unique", "novelty", "geometry_ok"};

    /** The keys qm9-quality adds after the times. */
    static final String[] TRAILING = {"mol_stable_perceived", "atom_stable_perceived", "mol_stable_perceived_neutral",
        "atom_stable_perceived_neutral", "connectivity", "fragments", "frechet"};

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
            System.out.printf(Locale.ROOT, "%-52s %10.4f%n", e.getKey(), e.getValue());
        }
        System.out.println("atoms unstable by EDM's rule, by element and bond-order sum (share of all atoms):");
        var counts = new java.util.TreeMap<String, Integer>();
        long atoms = 0;
        for (int k = 0; k < r.molecules().size(); k++) {
            var mol = r.molecules().get(k).molecule();
            var edm = r.profiles().get(k).edm(); // computed once, by the metrics
            atoms += mol.getAtomCount();
            if (!edm.judged()) {
                counts.merge("not judged: " + edm.notJudged(), mol.getAtomCount(), Integer::sum);
                continue;
            }
            for (int i = 0; i < mol.getAtomCount(); i++) {
                var symbol = mol.getAtom(i).getSymbol();
                if (!dev.flowmatch.engine.metrics.EdmStability.allowed(symbol, edm.bondOrderSums()[i])) {
                    counts.merge(symbol + " (sum " + edm.bondOrderSums()[i] + ")", 1, Integer::sum);
                }
            }
        }
        final long total = atoms;
        counts.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(12).forEach(e -> System.out
            .printf(Locale.ROOT, "  %-24s %6d  %.4f%n", e.getKey(), e.getValue(), e.getValue() / (double)total));
        if (r.bondGeometry() != null) {
            System.out.println("| kind | type | generated | reference | W1 | generated mean | reference mean |");
            System.out.println("|---|---|---|---|---|---|---|");
            r.bondGeometry().types().stream().filter(t -> t.reference() >= 1000 || t.generated() >= 1000).forEach(
                t -> System.out.printf(Locale.ROOT, "| %s | %s | %d | %d | %.4f | %.4f | %.4f |%n", t.kind(), t.type(),
                    t.generated(), t.reference(), t.w1(), t.generatedMean(), t.referenceMean()));
        }
    }

    private Qm9Evaluation() {
    }
}
