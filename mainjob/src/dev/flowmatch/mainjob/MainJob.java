package dev.flowmatch.mainjob;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.openscience.cdk.interfaces.IAtomContainer;

import dev.flowmatch.engine.chem.AtomVocabulary;
import dev.flowmatch.engine.chem.BondPerception;
import dev.flowmatch.engine.chem.Conformers;
import dev.flowmatch.engine.chem.DefaultMolecules;
import dev.flowmatch.engine.chem.Featurizer;
import dev.flowmatch.engine.chem.MoleculeReaders;
import dev.flowmatch.engine.chem.PointCloud;
import dev.flowmatch.engine.chem.Reconstruction;
import dev.flowmatch.engine.compute.TorchRuntime;
import dev.flowmatch.engine.encoder.DefaultEncoders;
import dev.flowmatch.engine.flow.solver.SolverKind;
import dev.flowmatch.engine.metrics.DistributionMetrics;
import dev.flowmatch.engine.model.ModelConfig;
import dev.flowmatch.engine.pretrained.PretrainedModels;
import dev.flowmatch.engine.train.FlowModel;
import dev.flowmatch.engine.train.PathSettings;
import dev.flowmatch.engine.train.RepaConfig;
import dev.flowmatch.engine.train.Representation;
import dev.flowmatch.engine.train.StepMetrics;
import dev.flowmatch.engine.train.Trainer;
import dev.flowmatch.engine.train.TrainingConfig;
import dev.flowmatch.engine.train.TrainingData;
import dev.flowmatch.engine.train.TrainingListener;

/**
 * The main job, outside KNIME. By default it samples the pretrained QM9 model that ships in the plugin and
 * measures the molecules (generated.sdf, metrics.csv, model-card.md in {@code out/}). With {@code --train}
 * (or any training flag) it trains a velocity transformer on the embedded default molecules (or a given
 * SDF / SMILES / XYZ file) for a few minutes, samples new molecules, measures them against the training set,
 * and writes {@code out/}: generated.sdf, metrics.csv, training-curve.png (plus curve.csv and model.zip).
 *
 * <p>Args: see {@link Options#USAGE}.
 */
public final class MainJob {

    private MainJob() {
    }

    public static void main(final String[] args) throws Exception {
        var o = Options.parse(args);
        var out = Path.of(o.out);
        Files.createDirectories(out);
        var device = TorchRuntime.device(o.device);
        System.out.printf(Locale.ROOT, "flowmatch main job: %s; device %s%n", TorchRuntime.describe(), device);
        if (!o.train) {
            samplePretrained(o, out, device);
            return;
        }

        var molecules = read(o);
        var prepared = new ArrayList<IAtomContainer>();
        for (var m : molecules) {
            try {
                prepared.add(Conformers.forPointCloud(m, true, o.seed));
            } catch (Exception e) {
                System.out.println("  skipped " + m.getTitle() + ": " + e.getMessage());
            }
        }
        var vocabulary = AtomVocabulary.fromMolecules(prepared, true);
        var featurizer = new Featurizer(vocabulary, Featurizer.Options.defaults());
        var clouds = new ArrayList<PointCloud>();
        for (var m : prepared) {
            clouds.add(featurizer.featurize(m, o.seed));
        }
        var split = TrainingData.split(clouds.size(), 0.1, o.seed);
        var train = TrainingData.pick(clouds, split[0]);
        var val = TrainingData.pick(clouds, split[1]);
        System.out.printf(Locale.ROOT, "data: %d molecules (%d training, %d validation), atom types %s%n",
            clouds.size(), train.size(), val.size(), vocabulary.tokens());

        TrainingData data = TrainingData.of(train, val);
        int repaDim = 0;
        if (o.repa > 0) {
            try (var encoder = o.encoder.equals("schnet") ? DefaultEncoders.schnet(device)
                : DefaultEncoders.mpnn(device)) {
                var tt = encoder.embed(TrainingData.pick(prepared, split[0]));
                var vt = encoder.embed(TrainingData.pick(prepared, split[1]));
                repaDim = encoder.dimension();
                data = new TrainingData(train, val, () -> tt, () -> vt);
                System.out.println("REPA: λ=" + o.repa + " at block 2 against " + encoder.name() + ", t in [0.5, 1]");
            }
        }
        var rep = Representation.of(vocabulary.tokens(), true, train, Double.NaN, 1.0);
        // atom-index encodings of the canonical order: a large gain at small budgets (RESULTS.md, repa-study)
        var arch = ModelConfig.defaults(rep.vocabulary().size()).withPositionalEncoding(true);
        int batch = Math.min(64, train.size());
        var repa = o.repa > 0 ? RepaConfig.of(o.repa, 2).withWindow(0.5, 1) : RepaConfig.off();
        int steps = stepsForBudget(rep, arch, batch, repa, repaDim, data, device, o);
        // the recipe search's best (RESULTS.md, qm9-quality): peak learning rate 2e-3, t ~ Beta(1.8, 1)
        var cfg = TrainingConfig.defaults(steps).withBatch(batch, TrainingConfig.RECOMMENDED_LEARNING_RATE,
            Math.min(200, steps / 10)).withPath(PathSettings.recommended()).withSeed(o.seed)
            .withValidation(Math.max(1, steps / 10)).withEma(steps < 2000 ? 0.99 : 0.999).withRepa(repa);
        System.out.printf(Locale.ROOT, "training %d steps of batch %d (about %.1f minutes)%n", steps, batch, o.minutes);
        var bar = new ProgressBar(System.out);
        try (var trainer = new Trainer(rep, arch, cfg, repaDim, device)) {
            trainer.train(data, new TrainingListener() {
                private double m_loss = Double.NaN;

                @Override
                public void onStep(final StepMetrics m, final int total) {
                    m_loss = Double.isNaN(m_loss) ? m.loss() : 0.95 * m_loss + 0.05 * m.loss();
                    bar.update(m.step(), total, String.format(Locale.ROOT, "step %d/%d  loss %.3f", m.step(), total,
                        m_loss));
                }
            });
            CurvePlot.write(trainer.stepMetrics(), trainer.validationMetrics(), out.resolve("training-curve.png"));
            Outputs.curve(trainer.epochMetrics(), out.resolve("curve.csv"));
            try (var model = FlowModel.of(trainer, o.repa > 0 ? o.encoder : "", device)) {
                model.save(out.resolve("model.zip"));
                sample(model, vocabulary, prepared, SolverKind.HEUN, SolverKind.HEUN.defaultSteps(), o, out);
            }
        }
    }

    /** Samples the shipped model with its recommended solver and measures the molecules on their own. */
    private static void samplePretrained(final Options o, final Path out, final ai.djl.Device device)
        throws Exception {
        var shipped = o.model == null ? PretrainedModels.list().get(0) : PretrainedModels.get(o.model);
        System.out.println("pretrained model " + shipped + ": " + shipped.summary());
        Files.writeString(out.resolve("model-card.md"), PretrainedModels.card(shipped));
        try (var model = PretrainedModels.open(shipped, device)) {
            var vocabulary = AtomVocabulary.parse(model.representation().vocabulary());
            sample(model, vocabulary, null, SolverKind.valueOf(shipped.solver()), shipped.steps(), o, out);
        }
    }

    /** @param reference molecules to measure against (novelty, distribution distances), or null */
    private static void sample(final FlowModel model, final AtomVocabulary vocabulary,
        final List<IAtomContainer> reference, final SolverKind kind, final int steps, final Options o,
        final Path out) throws Exception {
        var counts = model.sampleAtomCounts(o.samples, new Random(o.seed));
        var grid = dev.flowmatch.engine.flow.solver.TimeGrid.uniform(steps);
        var generated = new ArrayList<Reconstruction.Result>();
        var bar = new ProgressBar(System.out);
        for (int start = 0; start < counts.length; start += 512) { // sorted by size inside: chunks pad little
            int end = Math.min(counts.length, start + 512);
            var g = model.generate(java.util.Arrays.copyOfRange(counts, start, end), kind.create(), grid,
                o.seed + start, 64, false, start + 1);
            for (var c : g.clouds()) {
                generated.add(Reconstruction.rebuild(c, vocabulary, model.representation().explicitHydrogens()));
            }
            bar.update(end, counts.length, "sampled " + end + "/" + counts.length + " molecules");
        }
        Outputs.sdf(generated, out.resolve("generated.sdf"));
        var mols = generated.stream().map(Reconstruction.Result::molecule).toList();
        var metrics = DistributionMetrics.compute(mols, reference, reference, null, null, null,
            DistributionMetrics.Options.defaults());
        Outputs.metrics(metrics.values(), out.resolve("metrics.csv"));
        var v = metrics.values();
        System.out.printf(Locale.ROOT, "generated %d molecules: connected validity %.3f, molecule stability %.3f"
            + " (atom stability %.3f), validity %.3f, valid & unique %.3f, novelty %.3f, %.2f fragments per molecule"
            + "%nwrote %s%n", mols.size(), v.get(DistributionMetrics.CONNECTED_VALIDITY), v.get("Molecule stability"),
            v.get("Atom stability"), v.get("Validity"), v.get("Valid & unique"), v.get("Novelty"),
            v.get("Fragments per molecule"), out.toAbsolutePath());
    }

    /** Times a few steps of the real configuration and returns how many fit into the budget. */
    private static int stepsForBudget(final Representation rep, final ModelConfig arch, final int batch,
        final RepaConfig repa, final int repaDim, final TrainingData data, final ai.djl.Device device,
        final Options o) {
        if (o.steps > 0) {
            return o.steps;
        }
        var probe = TrainingConfig.defaults(1000).withBatch(batch, 5e-4, 10).withRepa(repa);
        try (var t = new Trainer(rep, arch, probe, repaDim, device)) {
            t.train(data, TrainingListener.none(), 3); // warm-up
            long t0 = System.nanoTime();
            t.train(data, TrainingListener.none(), 13);
            double perStep = (System.nanoTime() - t0) / 1e9 / 10;
            return Math.max(50, (int)(o.minutes * 60 / perStep));
        }
    }

    private static List<IAtomContainer> read(final Options o) throws Exception {
        if (o.input == null) {
            var mols = DefaultMolecules.load();
            System.out.println("input: the embedded default set (" + mols.size() + " molecules)");
            return mols;
        }
        var out = new ArrayList<IAtomContainer>();
        int bad = 0;
        try (var records = MoleculeReaders.open(Path.of(o.input))) {
            for (var r : (Iterable<dev.flowmatch.engine.chem.ReadResult>)records.limit(o.limit)::iterator) {
                if (!r.isOk()) {
                    bad++;
                    continue;
                }
                var m = r.molecule();
                if (m.getBondCount() == 0 && m.getAtomCount() > 1 && Conformers.has3D(m)) {
                    m = BondPerception.perceive(m).molecule(); // XYZ: bonds from geometry
                    m.setTitle(r.title());
                }
                out.add(m);
            }
        }
        System.out.println("input: " + o.input + " (" + out.size() + " molecules" + (bad > 0 ? ", " + bad
            + " unreadable records skipped" : "") + ")");
        return out;
    }
}
