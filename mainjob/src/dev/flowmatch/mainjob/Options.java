package dev.flowmatch.mainjob;

import java.util.Set;

import dev.flowmatch.engine.encoder.DefaultEncoders;
import dev.flowmatch.engine.train.RepaRecipe;

/** The main job's command-line flags, checked before any work starts. */
final class Options {

    /** Train a model (--train, or any training flag); otherwise sample the shipped pretrained model. */
    boolean train;

    /** The shipped model to sample when not training (null: the first). */
    String model;

    String input;

    int limit = 5000;

    /** Keep every fragment of a multi-fragment record (default: the largest organic one). */
    boolean keepFragments;

    /** The run's wall-clock budget; NaN = the mode's default (or none with --steps). */
    double minutes = Double.NaN;

    int steps;

    double repa;

    String encoder = RepaRecipe.RECOMMENDED.encoder();

    /** Molecules to generate; 0 = the mode's default (1,000 from the shipped model, 200 after training). */
    int samples;

    String device = "auto";

    String out = "out";

    long seed = 1;

    /** Default budgets: sampling the shipped model, and a training run. */
    static final double SAMPLE_MINUTES = 2;

    static final double TRAIN_MINUTES = 3;

    private static final Set<String> TRAINING_FLAGS = Set.of("--input", "--limit", "--steps", "--repa", "--encoder");

    /** @throws UserError naming the flag and what it accepts */
    static Options parse(final String[] args) {
        var o = new Options();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                System.out.println(USAGE);
                System.exit(0);
            }
            if (a.equals("--train") || a.equals("--debug")) { // --debug is read by MainJob, even when parsing fails
                o.train |= a.equals("--train");
                continue;
            }
            if (a.equals("--keep-fragments")) {
                o.keepFragments = true;
                o.train = true;
                continue;
            }
            if (!a.startsWith("--") || !KNOWN.contains(a)) {
                throw new UserError("Unknown argument \"" + a + "\" (mainjob/run --help lists the flags).");
            }
            if (i + 1 >= args.length) {
                throw new UserError("Flag " + a + " needs a value (mainjob/run --help lists the flags).");
            }
            String v = args[++i];
            o.train |= TRAINING_FLAGS.contains(a);
            switch (a) {
                case "--model" -> o.model = v;
                case "--input" -> o.input = v;
                case "--limit" -> o.limit = (int)whole(a, v, 2, 10_000_000);
                case "--minutes" -> o.minutes = decimal(a, v, 0.25, 7 * 24 * 60);
                case "--steps" -> o.steps = (int)whole(a, v, 1, 100_000_000);
                case "--repa" -> o.repa = decimal(a, v, 0, 100);
                case "--encoder" -> o.encoder = v;
                case "--samples" -> o.samples = (int)whole(a, v, 1, 10_000_000);
                case "--device" -> o.device = v;
                case "--out" -> o.out = v;
                case "--seed" -> o.seed = whole(a, v, Long.MIN_VALUE, Long.MAX_VALUE);
                default -> throw new IllegalStateException(a);
            }
        }
        if (o.samples == 0) {
            o.samples = o.train ? 200 : 1000;
        }
        if (Double.isNaN(o.minutes)) {
            // --steps alone trains exactly that many steps: no budget
            o.minutes = o.train ? (o.steps > 0 ? Double.POSITIVE_INFINITY : TRAIN_MINUTES) : SAMPLE_MINUTES;
        }
        if (o.train && o.model != null) {
            throw new UserError("--model picks a shipped model to sample; it does not go with training flags.");
        }
        if (!DefaultEncoders.NAMES.contains(o.encoder)) {
            throw new UserError("--encoder is " + String.join(" or ", DefaultEncoders.NAMES) + ", not \"" + o.encoder
                + "\".");
        }
        if (o.out.isBlank()) {
            throw new UserError("--out needs a folder name.");
        }
        return o;
    }

    private static final Set<String> KNOWN = Set.of("--model", "--input", "--limit", "--minutes", "--steps", "--repa",
        "--encoder", "--samples", "--device", "--out", "--seed");

    private static long whole(final String flag, final String v, final long min, final long max) {
        long x;
        try {
            x = Long.parseLong(v.trim().replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new UserError(flag + " needs a whole number, not \"" + v + "\".");
        }
        if (x < min || x > max) {
            throw new UserError(flag + " must be " + range(min, max) + ", not " + v + ".");
        }
        return x;
    }

    private static double decimal(final String flag, final String v, final double min, final double max) {
        double x;
        try {
            x = Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new UserError(flag + " needs a number, not \"" + v + "\".");
        }
        if (!(x >= min && x <= max)) { // also rejects NaN
            throw new UserError(flag + " must be between " + min + " and " + max + ", not " + v + ".");
        }
        return x;
    }

    private static String range(final long min, final long max) {
        return max == Long.MAX_VALUE ? "at least " + min : "between " + min + " and " + max;
    }

    static final String USAGE = """
        usage: mainjob/run [flags]
          (no flags)       sample 1,000 molecules from the shipped pretrained QM9 model and measure them
          --model ID       which shipped model to sample (default: the first listed)
          --train          train a model instead: on the embedded default molecules unless --input is given
                           (--input, --limit, --steps, --repa and --encoder also mean --train)
          --input FILE     SDF, SMILES (.smi/.csv) or XYZ file, optionally .gz/.xz (default: the embedded set)
          --limit N        read at most N molecules of the file (default 5000)
          --keep-fragments keep every fragment of a salt, solvate or mixture (default: the largest organic
                           fragment is kept and each record's removed fragments listed in stripped.csv)
          --minutes M      wall-clock budget of the whole run, sampling included (default 2 when sampling the
                           shipped model, 3 when training); training stops and sampling takes fewer molecules
                           when it runs out
          --steps N        train exactly N steps (no budget unless --minutes is given too)
          --repa L         REPA weight lambda (default 0 = off), aligned at %s
          --encoder E      REPA encoder: %s (default %s)
          --samples N      molecules to generate (default 1,000 from the shipped model, 200 after training)
          --device D       auto (default), cpu, gpu or gpu:N
          --out DIR        output folder (default out); replaced only when the run finishes
          --seed S         seed of everything random (default 1)
          --debug          show the stack trace of an error""".formatted(RepaRecipe.RECOMMENDED.alignment(),
        String.join(" or ", DefaultEncoders.NAMES), RepaRecipe.RECOMMENDED.encoder());
}
