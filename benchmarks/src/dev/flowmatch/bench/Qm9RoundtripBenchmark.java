package dev.flowmatch.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.tools.manipulator.MolecularFormulaManipulator;

import dev.flowmatch.engine.chem.AtomVocabulary;
import dev.flowmatch.engine.chem.BondPerception;
import dev.flowmatch.engine.chem.Featurizer;
import dev.flowmatch.engine.chem.MoleculeChecks;
import dev.flowmatch.engine.chem.MoleculeOutput;
import dev.flowmatch.engine.chem.MoleculeReaders;
import dev.flowmatch.engine.chem.ReadResult;

/**
 * Reads all of QM9 (XYZ, explicit H), perceives bonds from coordinates and checks the result: valid +
 * connected + same formula; InChIKey skeleton found among the skeletons of QM9's SMILES; atom and molecule
 * stability by the perceived bonds (not EDM's rule; see {@code EdmStability}); throughput of featurization and perception on all cores.
 *
 * <p>Args: {@code --limit N} to use only the first N molecules.
 */
final class Qm9RoundtripBenchmark implements Benchmarks.Benchmark {

    @Override
    public String run(final String[] args) throws Exception {
        int limit = Integer.MAX_VALUE;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--limit")) {
                limit = Integer.parseInt(args[++i]);
            } else {
                throw new IllegalArgumentException("Unknown argument " + args[i] + " (known: --limit N)");
            }
        }
        var data = SharedData.require("qm9/qm9_3d.xyz.xz", "qm9/qm9_smiles.csv");
        long t0 = System.nanoTime();
        List<ReadResult> records;
        try (var s = MoleculeReaders.open(data.resolve("qm9/qm9_3d.xyz.xz"))) {
            records = s.limit(limit).toList();
        }
        double readS = (System.nanoTime() - t0) / 1e9;
        var bad = records.stream().filter(r -> !r.isOk()).toList();
        var raw = records.stream().filter(ReadResult::isOk).map(ReadResult::molecule).toList();
        System.out.printf(Locale.ROOT, "read %d records (%d bad) in %.1f s%n", records.size(), bad.size(), readS);
        bad.stream().limit(5).forEach(r -> System.out.println("  bad: " + r));

        t0 = System.nanoTime();
        var perceived = raw.parallelStream().map(m -> BondPerception.perceive(m).molecule()).toList();
        double perceiveS = (System.nanoTime() - t0) / 1e9;

        var vocab = AtomVocabulary.fromMolecules(perceived, true);
        var featurizer = new Featurizer(vocab, Featurizer.Options.defaults());
        t0 = System.nanoTime();
        var failures = new AtomicInteger();
        perceived.parallelStream().forEach(m -> {
            try {
                featurizer.featurize(m, 0);
            } catch (IllegalArgumentException e) {
                failures.incrementAndGet();
            }
        });
        double featS = (System.nanoTime() - t0) / 1e9;

        var refKeys = referenceKeys(data.resolve("qm9/qm9_smiles.csv"));
        var refSkeletons = refKeys[0];
        var refHeavy = refKeys[1];
        var validConnectedFormula = new AtomicInteger();
        var inchiMatch = new AtomicInteger();
        var heavyMatch = new AtomicInteger();
        var stableAtoms = new AtomicInteger();
        var atoms = new AtomicInteger();
        var stableMols = new AtomicInteger();
        var examples = Collections.synchronizedList(new ArrayList<String>());
        t0 = System.nanoTime();
        java.util.stream.IntStream.range(0, perceived.size()).parallel().forEach(i -> {
            var mol = perceived.get(i);
            var report = MoleculeChecks.check(mol);
            boolean formula = formula(mol).equals(formula(raw.get(i)));
            if (report.valid() && report.connected() && formula) {
                validConnectedFormula.incrementAndGet();
            } else if (examples.size() < 5) {
                examples.add(raw.get(i).getTitle() + ": " + report);
            }
            stableAtoms.addAndGet(report.stableAtoms());
            atoms.addAndGet(report.atoms());
            if (report.perceivedMoleculeStable()) {
                stableMols.incrementAndGet();
            }
            try {
                if (refSkeletons.contains(MoleculeOutput.inchiKey(mol).substring(0, 14))) {
                    inchiMatch.incrementAndGet();
                }
                if (refHeavy.contains(MoleculeOutput.heavyAtomSkeletonKey(mol))) {
                    heavyMatch.incrementAndGet();
                }
            } catch (Exception e) {
                // counted as no match
            }
        });
        double checkS = (System.nanoTime() - t0) / 1e9;
        int n = perceived.size();
        System.out.printf(Locale.ROOT, "checks and InChI in %.1f s; atom types: %s%n", checkS, vocab);
        examples.forEach(e -> System.out.println("  not valid/connected/formula: " + e));
        System.out.printf(Locale.ROOT, "%-34s %10s%n", "metric", "value");
        row("molecules", n);
        row("valid & connected & formula", (double)validConnectedFormula.get() / n);
        row("InChIKey skeleton in QM9 SMILES", (double)inchiMatch.get() / n);
        row("heavy-atom skeleton in QM9 SMILES", (double)heavyMatch.get() / n);
        row("atom stability", (double)stableAtoms.get() / atoms.get());
        row("molecule stability", (double)stableMols.get() / n);
        row("featurization failures", failures.get());
        row("featurization molecules/s", n / featS);
        row("perception molecules/s", n / perceiveS);
        return String.format(Locale.ROOT,
            "valid=%.4f inchi_match=%.4f heavy_skeleton_match=%.4f atom_stable_perceived=%.4f mol_stable_perceived=%.4f"
                + " feat_per_s=%.0f perceive_per_s=%.0f",
            (double)validConnectedFormula.get() / n, (double)inchiMatch.get() / n, (double)heavyMatch.get() / n,
            (double)stableAtoms.get() / atoms.get(), (double)stableMols.get() / n, n / featS, n / perceiveS);
    }

    private static void row(final String name, final double v) {
        System.out.printf(Locale.ROOT, "%-34s %10.4f%n", name, v);
    }

    private static String formula(final IAtomContainer mol) {
        return MolecularFormulaManipulator.getString(MolecularFormulaManipulator.getMolecularFormula(mol));
    }

    /** @return {first InChIKey blocks, heavy-atom skeleton keys} of the reference SMILES */
    @SuppressWarnings("unchecked")
    private static Set<String>[] referenceKeys(final Path csv) throws Exception {
        long t0 = System.nanoTime();
        List<ReadResult> refs;
        try (var s = MoleculeReaders.open(csv)) {
            refs = s.toList();
        }
        Set<String> keys = ConcurrentHashMap.newKeySet();
        Set<String> heavy = ConcurrentHashMap.newKeySet();
        refs.parallelStream().filter(ReadResult::isOk).forEach(r -> {
            try {
                keys.add(MoleculeOutput.inchiKey(r.molecule()).substring(0, 14));
                heavy.add(MoleculeOutput.heavyAtomSkeletonKey(r.molecule()));
            } catch (Exception e) {
                // a reference that InChI cannot handle contributes no key
            }
        });
        System.out.printf(Locale.ROOT, "reference: %d SMILES, %d InChIKey skeletons, %d heavy-atom skeletons in %.1f s%n",
            refs.size(), keys.size(), heavy.size(), (System.nanoTime() - t0) / 1e9);
        return new Set[]{Set.copyOf(keys), Set.copyOf(heavy)};
    }
}
