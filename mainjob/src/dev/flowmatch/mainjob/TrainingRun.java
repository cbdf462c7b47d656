package dev.flowmatch.mainjob;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;

import org.openscience.cdk.interfaces.IAtomContainer;

import ai.djl.Device;
import dev.flowmatch.engine.chem.AtomVocabulary;
import dev.flowmatch.engine.chem.BondPerception;
import dev.flowmatch.engine.chem.Conformers;
import dev.flowmatch.engine.chem.DefaultMolecules;
import dev.flowmatch.engine.chem.Featurizer;
import dev.flowmatch.engine.chem.MoleculeReaders;
import dev.flowmatch.engine.chem.PointCloud;
import dev.flowmatch.engine.encoder.DefaultEncoders;
import dev.flowmatch.engine.flow.solver.SolverKind;
import dev.flowmatch.engine.model.Geometry;
import dev.flowmatch.engine.model.ModelConfig;
import dev.flowmatch.engine.train.FlowModel;
import dev.flowmatch.engine.train.PathSettings;
import dev.flowmatch.engine.train.RepaConfig;
import dev.flowmatch.engine.train.RepaRecipe;
import dev.flowmatch.engine.train.Representation;
import dev.flowmatch.engine.train.StepMetrics;
import dev.flowmatch.engine.train.Trainer;
import dev.flowmatch.engine.train.TrainingConfig;
import dev.flowmatch.engine.train.TrainingData;
import dev.flowmatch.engine.train.TrainingListener;

/**
 * The main job's training mode: read molecules (unusable records listed in skipped.csv), give them
 * conformers, train within the budget, sample and measure against the training set.
 */
final class TrainingRun {

    /** A usable input molecule and where it came from (for skipped.csv when its conformer fails). */
    private record Input(IAtomContainer molecule, long record, long line) {
    }

    /** The solver that samples the trained model, at its default steps (TrainingPlan budgets for it). */
    static final SolverKind SOLVER = SolverKind.HEUN;

    private TrainingRun() {
    }

    static void run(final Options o, final Budget budget, final Device device, final Path dir) throws Exception {
        var skipped = new SkippedRecords();
        var stripped = new SkippedRecords("stripped", "stripped.csv");
        String source = o.input == null ? "embedded default set" : Path.of(o.input).getFileName().toString();
        var inputs = read(o, source, skipped, stripped, budget);
        if (stripped.count() > 0) {
            System.out.println(stripped.count() + " record" + (stripped.count() == 1 ? "" : "s") + " of several"
                + " fragments: the largest organic one kept (--keep-fragments keeps all):");
            stripped.print(System.out);
        }
        var prepared = new ArrayList<IAtomContainer>();
        int done = 0;
        for (var in : inputs) {
            if (budget.remaining() <= 0) {
                throw new UserError(String.format(Locale.ROOT, "The %s budget ran out while generating 3D conformers"
                    + " (%,d of %,d molecules done). Raise --minutes, read fewer records with --limit, or give"
                    + " molecules with 3D coordinates (SD or XYZ).", budget.describe(), done, inputs.size()));
            }
            done++;
            try {
                prepared.add(Conformers.forPointCloud(in.molecule(), true, o.seed));
            } catch (Exception e) {
                skipped.add(source, in.record(), in.line(), in.molecule().getTitle(), "no 3D conformer: "
                    + e.getMessage());
            }
        }
        if (skipped.count() > 0) {
            System.out.println(skipped.count() + " record" + (skipped.count() == 1 ? "" : "s") + " skipped:");
            skipped.print(System.out);
        }
        if (prepared.size() < 2) {
            throw new UserError("Only " + prepared.size() + " usable molecule" + (prepared.size() == 1 ? "" : "s")
                + " in " + source + " (" + skipped.count() + " skipped, listed above); training needs at least 2.");
        }
        skipped.write(dir.resolve("skipped.csv"));
        stripped.write(dir.resolve("stripped.csv"));
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
        // the REPA study's setting (RepaRecipe.RECOMMENDED), with the user's λ and encoder
        var repaRecipe = RepaRecipe.RECOMMENDED.withLambda(o.repa).withEncoder(o.encoder);
        if (o.repa > 0) {
            try (var encoder = DefaultEncoders.named(o.encoder, device)) {
                var tt = encoder.embed(TrainingData.pick(prepared, split[0]));
                var vt = encoder.embed(TrainingData.pick(prepared, split[1]));
                repaDim = encoder.dimension();
                data = repaRecipe.targets(new TrainingData(train, val, () -> tt, () -> vt));
                System.out.println("REPA: λ=" + o.repa + " against " + encoder.name() + ", " + repaRecipe.alignment());
            }
        }
        var rep = Representation.of(vocabulary.tokens(), true, train, Double.NaN, 1.0).covering(val);
        // atom-index encodings of the canonical order: a large gain at small budgets (RESULTS.md, repa-study)
        // and a network that sees interatomic distances (the geometry ablation's choice, RESULTS.md)
        var arch = ModelConfig.defaults(rep.vocabulary().size()).withPositionalEncoding(true)
            .withGeometry(Geometry.Preset.RECOMMENDED.in(rep.coordScale()));
        int batch = Math.min(64, train.size());
        var repa = o.repa > 0 ? repaRecipe.config() : RepaConfig.off();
        var plan = TrainingPlan.of(rep, arch, batch, repa, repaDim, data, device, o, budget);
        // the recipe search's best (RESULTS.md, qm9-quality): peak learning rate 2e-3, t ~ Beta(1.8, 1)
        int steps = plan.steps();
        var cfg = TrainingConfig.defaults(steps).withBatch(batch, TrainingConfig.RECOMMENDED_LEARNING_RATE,
            Math.min(200, steps / 10)).withPath(PathSettings.recommended()).withSeed(o.seed)
            .withValidation(Math.max(1, steps / 10)).withEma(steps < 2000 ? 0.99 : 0.999).withRepa(repa);
        System.out.println(plan.describe(batch));
        var bar = new ProgressBar(System.out);
        long trainStart = System.nanoTime();
        try (var trainer = new Trainer(rep, arch, cfg, repaDim, device)) {
            try {
                trainer.train(data, new TrainingListener() {
                    private double m_loss = Double.NaN;

                    @Override
                    public void onStep(final StepMetrics m, final int total) {
                        m_loss = Double.isNaN(m_loss) ? m.loss() : 0.95 * m_loss + 0.05 * m.loss();
                        bar.update(m.step(), total, String.format(Locale.ROOT, "step %d/%d  loss %.3f", m.step(), total,
                            m_loss));
                    }

                    @Override
                    public boolean isCancelled() {
                        return plan.trainingTimeIsUp(budget);
                    }
                });
            } catch (CancellationException e) {
                System.out.printf(Locale.ROOT, "%nstopped training after %d of %d steps: the %s budget's training time"
                    + " ran out (the rest is kept for sampling)%n", trainer.stepMetrics().size(), steps,
                    budget.describe());
            }
            double trained = (System.nanoTime() - trainStart) / 1e9;
            System.out.printf(Locale.ROOT, "trained %d steps in %.0f s (%.3f s per step); %.0f s of the run so far%n",
                trainer.stepMetrics().size(), trained, trained / Math.max(1, trainer.stepMetrics().size()),
                budget.elapsed());
            CurvePlot.write(trainer.stepMetrics(), trainer.validationMetrics(), dir.resolve("training-curve.png"));
            Outputs.curve(trainer.epochMetrics(), dir.resolve("curve.csv"));
            try (var model = FlowModel.of(trainer, o.repa > 0 ? o.encoder : "", device)) {
                model.save(dir.resolve("model.zip"));
                Sampling.run(model, vocabulary, prepared, SOLVER, SOLVER.defaultSteps(), o, budget,
                    dir);
            }
        }
    }

    private static List<Input> read(final Options o, final String source, final SkippedRecords skipped,
        final SkippedRecords stripped, final Budget budget)
        throws Exception {
        var out = new ArrayList<Input>();
        if (o.input == null) {
            var mols = DefaultMolecules.load();
            for (int i = 0; i < mols.size(); i++) {
                out.add(new Input(mols.get(i), i + 1, 0));
            }
            System.out.println("input: the " + source + " (" + mols.size() + " molecules)");
            return out;
        }
        long records = 0;
        try (var all = MoleculeReaders.open(Path.of(o.input))) {
            for (var r : (Iterable<dev.flowmatch.engine.chem.ReadResult>)all.limit(o.limit)::iterator) {
                records++;
                if (budget.remaining() <= 0) {
                    throw new UserError(String.format(Locale.ROOT, "The %s budget ran out while reading %s (%,d"
                        + " records read). Raise --minutes, or read fewer records with --limit.", budget.describe(),
                        source, records - 1));
                }
                if (!r.isOk()) {
                    skipped.add(source, r.index() + 1, r.line(), r.title(), r.error());
                    continue;
                }
                var m = r.molecule();
                if (m.getBondCount() == 0 && m.getAtomCount() > 1 && Conformers.has3D(m)) {
                    try {
                        m = BondPerception.perceive(m).molecule(); // XYZ: bonds from geometry
                    } catch (RuntimeException e) {
                        skipped.add(source, r.index() + 1, r.line(), r.title(), "no bonds perceived: " + e.getMessage());
                        continue;
                    }
                    m.setTitle(r.title());
                }
                if (!o.keepFragments) { // salts and solvates: the parent compound, so no counter-ion joins the vocabulary
                    dev.flowmatch.engine.chem.Fragments.Parent parent;
                    try {
                        parent = dev.flowmatch.engine.chem.Fragments.largestOrganic(m);
                    } catch (IllegalArgumentException e) { // above the atoms any model takes
                        skipped.add(source, r.index() + 1, r.line(), r.title(), "too large: " + e.getMessage());
                        continue;
                    }
                    if (parent.molecule() == null) {
                        skipped.add(source, r.index() + 1, r.line(), r.title(), "no fragment holds carbon ("
                            + String.join(", ", parent.removed()) + "): an inorganic salt or mixture");
                        continue;
                    }
                    if (parent.stripped()) {
                        stripped.add(source, r.index() + 1, r.line(), r.title(), "removed "
                            + String.join(", ", parent.removed()));
                        m = parent.molecule();
                    }
                }
                out.add(new Input(m, r.index() + 1, r.line()));
            }
        }
        System.out.println("input: " + o.input + " (" + records + " records read, " + out.size() + " molecules)");
        return out;
    }
}
