package dev.flowmatch.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Random;

import org.openscience.cdk.interfaces.IAtomContainer;

import dev.flowmatch.engine.chem.Reconstruction;
import dev.flowmatch.engine.metrics.DistributionMetrics;
import dev.flowmatch.engine.metrics.ReferenceSet;

/**
 * What a perfect generator would score: {@code --n} (default 10,000) QM9 molecules drawn from the training split,
 * passed through the generated molecules' path (point cloud, then {@link Reconstruction#rebuild}, as a sample
 * is), measured exactly as qm9-quality and pretrained-quality measure samples, against the same 10,000 held-out
 * test molecules. Novelty is against the rest of the training split (the drawn molecules excluded), so a
 * generator that reproduces QM9's distribution without copying it scores what this prints.
 *
 * <p>Args: {@code --n 10000 --seed 3}.
 */
final class Qm9ReferenceMetricsBenchmark implements Benchmarks.Benchmark {

    @Override
    public String run(final String[] args) throws Exception {
        int n = 10_000;
        long seed = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--n" -> n = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("Unknown argument " + args[i]
                    + " (known: --n N --seed S)");
            }
        }
        var qm9 = Qm9Full.read();
        var order = new ArrayList<Integer>();
        for (int i = 0; i < qm9.train().size(); i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, new Random(seed));
        var drawn = new java.util.HashSet<>(order.subList(0, n));
        var vocabulary = qm9.all().vocabulary();
        long t0 = System.nanoTime();
        var rebuilt = order.subList(0, n).parallelStream()
            .map(i -> Reconstruction.rebuild(qm9.train().get(i), vocabulary, true)).toList();
        var rest = new ArrayList<IAtomContainer>();
        for (int i = 0; i < qm9.trainMolecules().size(); i++) {
            if (!drawn.contains(i)) {
                rest.add(qm9.trainMolecules().get(i));
            }
        }
        var test = ReferenceSet.of(qm9.testMolecules());
        var mols = new ArrayList<IAtomContainer>(rebuilt.stream().map(Reconstruction.Result::molecule).toList());
        var metrics = DistributionMetrics.compute(mols, test, DistributionMetrics.canonical(rest), null, null, null,
            DistributionMetrics.Options.defaults());
        double seconds = (System.nanoTime() - t0) / 1e9;
        var r = new Qm9Evaluation.Result(new LinkedHashMap<>(metrics.values()), 0, 0, 0, rebuilt,
            metrics.profiles(), metrics.bondGeometry());
        System.out.printf(Locale.ROOT, "%,d training molecules (seed %d) as generated molecules, against the %,d test"
            + " molecules; novelty against the other %,d training molecules%n", n, seed, qm9.test().size(),
            rest.size());
        Qm9Evaluation.print(r);
        return String.format(Locale.ROOT, "n=%d %s %s seconds=%.1f", n, Qm9Evaluation.keyValues(r,
            Qm9Evaluation.LEADING), Qm9Evaluation.keyValues(r, Qm9Evaluation.TRAILING), seconds);
    }
}
