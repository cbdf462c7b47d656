package dev.flowmatch.mainjob;

import java.io.IOException;
import java.util.Locale;

import dev.flowmatch.engine.chem.AtomVocabulary;
import dev.flowmatch.engine.chem.MoleculeReaders;
import dev.flowmatch.engine.compute.TorchRuntime;
import dev.flowmatch.engine.flow.solver.SolverKind;
import dev.flowmatch.engine.pretrained.PretrainedModels;

/**
 * The main job, outside KNIME. By default it samples the pretrained QM9 model that ships in the plugin and
 * measures the molecules (generated.sdf, metrics.csv, model-card.md in {@code out/}). With {@code --train}
 * (or any training flag) it trains a velocity transformer on the embedded default molecules (or a given
 * SDF / SMILES / XYZ file) within a wall-clock budget, samples new molecules, measures them against the
 * training set, and writes generated.sdf, metrics.csv, training-curve.png, curve.csv, model.zip and, when
 * input records were unusable, skipped.csv.
 *
 * <p>Every argument, the input file, the device and the output location are checked before any work; a
 * user's mistake ends with one sentence and exit status 2 (a stack trace only with --debug). Outputs appear
 * in {@code --out} only when the run has finished ({@link RunFolder}). Args: see {@link Options#USAGE}.
 */
public final class MainJob {

    static final int USER_ERROR = 2;

    static final int INTERNAL_ERROR = 1;

    private MainJob() {
    }

    public static void main(final String[] args) {
        AsciiConsole.install();
        dev.flowmatch.engine.chem.QuietCdkLog.install();
        boolean debug = java.util.Arrays.asList(args).contains("--debug");
        RunFolder folder = null;
        try {
            var o = Options.parse(args);
            var budget = Budget.ofMinutes(o.minutes);
            if (o.input != null) {
                MoleculeReaders.checkReadable(java.nio.file.Path.of(o.input));
            }
            if (!o.train && o.model != null) {
                try {
                    PretrainedModels.get(o.model);
                } catch (IllegalArgumentException e) {
                    throw new UserError("--model " + o.model + ": " + e.getMessage(), e); // names the known ids
                }
            }
            ai.djl.Device device;
            try {
                device = TorchRuntime.device(o.device);
            } catch (IllegalArgumentException e) {
                throw new UserError("--device " + o.device + ": " + e.getMessage(), e);
            }
            folder = RunFolder.open(o.out, o.train ? o.input : null);
            System.out.printf(Locale.ROOT, "flowmatch main job: %s; device %s%s%n", TorchRuntime.describe(), device,
                budget.limited() ? "; budget " + budget.minutes() + " minutes wall clock"
                    : "");
            if (o.train) {
                TrainingRun.run(o, budget, device, folder.dir());
            } else {
                samplePretrained(o, budget, device, folder);
            }
            folder.commit();
            System.out.printf(Locale.ROOT, "wrote %s (%.0f s%s)%n", folder.out(), budget.elapsed(), budget.limited()
                ? String.format(Locale.ROOT, " of the %.0f s budget", budget.seconds()) : "");
        } catch (UserError | IOException e) {
            // user errors, and I/O problems, which the engine names in its messages (file, record, field)
            fail(folder, e, debug, USER_ERROR);
        } catch (java.io.UncheckedIOException e) { // a reader's stream stopped: damaged or binary input, named
            fail(folder, e.getCause(), debug, USER_ERROR);
        } catch (Exception | OutOfMemoryError e) {
            fail(folder, e, debug, INTERNAL_ERROR);
        }
    }

    private static void fail(final RunFolder folder, final Throwable e, final boolean debug, final int status) {
        if (folder != null) {
            folder.abandon();
        }
        System.out.flush();
        var message = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
        System.err.println(System.lineSeparator() + "error: " + message.strip()
            + (folder != null ? System.lineSeparator() + "       " + folder.out() + (java.nio.file.Files.exists(folder.out())
                ? " was left as it was." : " was not written.") : "")
            + (status == INTERNAL_ERROR && !debug ? System.lineSeparator() + "       (an internal error: run again with"
                + " --debug for the stack trace, and please report it)" : ""));
        if (debug) {
            e.printStackTrace();
        }
        System.exit(status);
    }

    /** Samples the shipped model with its recommended solver and measures the molecules on their own. */
    private static void samplePretrained(final Options o, final Budget budget, final ai.djl.Device device,
        final RunFolder folder) throws Exception {
        var shipped = o.model == null ? PretrainedModels.list().get(0) : PretrainedModels.get(o.model);
        System.out.println("pretrained model " + shipped + ": " + shipped.summary());
        java.nio.file.Files.writeString(folder.dir().resolve("model-card.md"), PretrainedModels.card(shipped));
        try (var model = PretrainedModels.open(shipped, device)) {
            var vocabulary = AtomVocabulary.parse(model.representation().vocabulary());
            Sampling.run(model, vocabulary, null, SolverKind.valueOf(shipped.solver()), shipped.steps(), o, budget,
                folder.dir());
        }
    }
}
