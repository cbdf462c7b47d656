package dev.flowmatch.mainjob;

/** The main job's command-line flags. */
final class Options {

    /** Train a model (--train, or any training flag); otherwise sample the shipped pretrained model. */
    boolean train;

    /** The shipped model to sample when not training (null: the first). */
    String model;

    String input;

    int limit = 5000;

    double minutes = 3;

    int steps;

    double repa;

    String encoder = "mpnn";

    /** Molecules to generate; 0 = the mode's default (1,000 from the shipped model, 200 after training). */
    int samples;

    String device = "auto";

    String out = "out";

    long seed = 1;

    static Options parse(final String[] args) {
        var o = new Options();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                System.out.println(USAGE);
                System.exit(0);
            }
            if (a.equals("--train")) {
                o.train = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Flag " + a + " needs a value.\n" + USAGE);
            }
            String v = args[++i];
            // any training flag means training mode
            o.train |= java.util.Set.of("--input", "--limit", "--minutes", "--steps", "--repa", "--encoder").contains(a);
            switch (a) {
                case "--model" -> o.model = v;
                case "--input" -> o.input = v;
                case "--limit" -> o.limit = Integer.parseInt(v);
                case "--minutes" -> o.minutes = Double.parseDouble(v);
                case "--steps" -> o.steps = Integer.parseInt(v);
                case "--repa" -> o.repa = Double.parseDouble(v);
                case "--encoder" -> o.encoder = v;
                case "--samples" -> o.samples = Integer.parseInt(v);
                case "--device" -> o.device = v;
                case "--out" -> o.out = v;
                case "--seed" -> o.seed = Long.parseLong(v);
                default -> throw new IllegalArgumentException("Unknown flag " + a + ".\n" + USAGE);
            }
        }
        if (!(o.minutes > 0) || o.samples < 0 || o.limit < 2 || o.repa < 0) {
            throw new IllegalArgumentException("--minutes must be > 0, --samples ≥ 1, --limit ≥ 2, --repa ≥ 0.\n"
                + USAGE);
        }
        if (o.samples == 0) {
            o.samples = o.train ? 200 : 1000;
        }
        if (o.train && o.model != null) {
            throw new IllegalArgumentException("--model picks a shipped model to sample; it does not go with training"
                + " flags.\n" + USAGE);
        }
        if (!o.encoder.equals("mpnn") && !o.encoder.equals("schnet")) {
            throw new IllegalArgumentException("--encoder is mpnn or schnet, not " + o.encoder + ".");
        }
        return o;
    }

    static final String USAGE = """
        usage: mainjob/run [flags]
          (no flags)       sample 1,000 molecules from the shipped pretrained QM9 model and measure them
          --model ID       which shipped model to sample (default: the first listed)
          --train          train a model instead: on the embedded default molecules unless --input is given
                           (every flag below also means --train)
          --input FILE     SDF, SMILES (.smi/.csv) or XYZ file, optionally .gz/.xz (default: the embedded set)
          --limit N        read at most N molecules of the file (default 5000)
          --minutes M      training time budget (default 3)
          --steps N        train exactly N steps instead of a time budget
          --repa L         REPA weight λ (default 0 = off), aligned at block 2 for t in [0.5, 1]
          --encoder E      REPA encoder: mpnn (default) or schnet
          --samples N      molecules to generate (default 1,000 from the shipped model, 200 after training)
          --device D       auto (default), cpu, gpu or gpu:N
          --out DIR        output folder (default out)
          --seed S         seed of everything random (default 1)""";
}
