package dev.flowmatch.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;

import ai.djl.Device;
import dev.flowmatch.engine.chem.PointCloud;
import dev.flowmatch.engine.compute.TorchRuntime;
import dev.flowmatch.engine.flow.coupling.Kabsch;
import dev.flowmatch.engine.flow.solver.SolverKind;
import dev.flowmatch.engine.model.ModelConfig;
import dev.flowmatch.engine.train.FlowModel;
import dev.flowmatch.engine.train.PathSettings;
import dev.flowmatch.engine.train.Representation;
import dev.flowmatch.engine.train.Trainer;
import dev.flowmatch.engine.train.TrainingConfig;
import dev.flowmatch.engine.train.TrainingData;
import dev.flowmatch.engine.train.TrainingListener;

/**
 * Can the network memorise? Trains the default velocity transformer (data prediction, atom-index encodings,
 * canonical atom order, no augmentation) on 8 QM9 molecules of different sizes until the loss is near zero,
 * then samples 64 molecules from noise (8 per size) and compares each with the training molecule of its size:
 * atom types index by index, and RMSD after Kabsch superposition.
 *
 * <p>Args: {@code --steps 1500 --seed 1}.
 */
final class OverfitBenchmark implements Benchmarks.Benchmark {

    @Override
    public String run(final String[] args) throws Exception {
        int steps = 1500;
        long seed = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--steps" -> steps = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("Unknown argument " + args[i] + " (known: --steps N --seed S)");
            }
        }
        var sizes = new java.util.HashSet<Integer>();
        var qm9 = Qm9Clouds.read(i -> i % 997 == 0, 200);
        var train = new ArrayList<PointCloud>();
        for (var c : qm9.clouds()) { // the first molecule of each new size, up to 8
            if (train.size() < 8 && sizes.add(c.size())) {
                train.add(c);
            }
        }
        System.out.printf(Locale.ROOT, "8 QM9 molecules with %s atoms (explicit H); %s%n",
            train.stream().map(PointCloud::size).toList(), TorchRuntime.describe());
        var rep = Representation.of(qm9.vocabulary().tokens(), true, train, Double.NaN, 1.0);
        var arch = ModelConfig.defaults(rep.vocabulary().size()).withPositionalEncoding(true);
        var cfg = TrainingConfig.defaults(steps).withBatch(64, 1e-3, 100).withAugmentation(false).withEma(0.995)
            .withPath(PathSettings.dataPrediction()).withSeed(seed);
        long t0 = System.nanoTime();
        try (var trainer = new Trainer(rep, arch, cfg, 0, Device.cpu())) {
            trainer.train(TrainingData.of(train, List.of()), new TrainingListener() {
                @Override
                public void onStep(final dev.flowmatch.engine.train.StepMetrics m, final int total) {
                    if (m.step() % 250 == 0 || m.step() == total) {
                        System.out.printf(Locale.ROOT, "step %5d  loss %.5f  coords %.5f  types %.5f  %.0f ms/step%n",
                            m.step(), m.loss(), m.coordLoss(), m.typeLoss(), 1000 * m.seconds());
                    }
                }
            });
            double trainSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "trained %d steps in %.0f s (%,d parameters)%n", steps, trainSeconds,
                trainer.model().parameterCount());
            try (var model = FlowModel.of(trainer, "", Device.cpu())) {
                var bySize = new HashMap<Integer, PointCloud>();
                train.forEach(c -> bySize.put(c.size(), c));
                var counts = new int[64];
                for (int i = 0; i < 64; i++) {
                    counts[i] = train.get(i % 8).size();
                }
                System.out.println("| solver | NFE | types exact | RMSD < 0.1 Å | median RMSD Å | max RMSD Å |");
                System.out.println("|---|---|---|---|---|---|");
                String summary = "";
                for (var kind : List.of(SolverKind.EULER, SolverKind.HEUN, SolverKind.DOPRI5)) {
                    var g = model.generate(counts, kind.create(), kind.defaultGrid(), seed + 100, 64);
                    var rmsd = new double[64];
                    int exact = 0;
                    int close = 0;
                    for (int i = 0; i < 64; i++) {
                        var ref = bySize.get(counts[i]);
                        var got = g.clouds().get(i);
                        if (Arrays.equals(ref.types(), got.types())) {
                            exact++;
                        }
                        rmsd[i] = alignedRmsd(got, ref);
                        if (rmsd[i] < 0.1) {
                            close++;
                        }
                    }
                    var sorted = rmsd.clone();
                    Arrays.sort(sorted);
                    System.out.printf(Locale.ROOT, "| %s | %d | %d/64 | %d/64 | %.4f | %.4f |%n", kind, g.nfe(), exact,
                        close, sorted[32], sorted[63]);
                    if (kind == SolverKind.HEUN) {
                        summary = String.format(Locale.ROOT, "rmsd=%.4f types_exact=%.4f steps=%d", sorted[63],
                            exact / 64.0, steps);
                    }
                }
                return summary;
            }
        }
    }

    /** RMSD after centring both and the optimal rotation (atoms compared index by index). */
    static double alignedRmsd(final PointCloud a, final PointCloud b) {
        int n = a.size();
        var x = centred(a.coords());
        var y = centred(b.coords());
        return Kabsch.rmsd(Kabsch.rotation(x, y, n), x, y, n);
    }

    static float[] centred(final float[] c) {
        var out = c.clone();
        int n = c.length / 3;
        for (int k = 0; k < 3; k++) {
            double m = 0;
            for (int i = 0; i < n; i++) {
                m += c[3 * i + k];
            }
            m /= n;
            for (int i = 0; i < n; i++) {
                out[3 * i + k] -= (float)m;
            }
        }
        return out;
    }
}
