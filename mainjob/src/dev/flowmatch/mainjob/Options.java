package dev.flowmatch.mainjob;

/** The main job's command-line flags. */
final class Options {

    String input;

    int limit = 5000;

    double minutes = 3;

    int steps;

    double repa;

    String encoder = "mpnn";

    int samples = 200;

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
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Flag " + a + " needs a value.\n" + USAGE);
            }
            String v = args[++i];
            switch (a) {
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
        if (!(o.minutes > 0) || o.samples < 1 || o.limit < 2 || o.repa < 0) {
            throw new IllegalArgumentException("--minutes must be > 0, --samples ≥ 1, --limit ≥ 2, --repa ≥ 0.\n"
                + USAGE);
        }
        if (!o.encoder.equals("mpnn") && !o.encoder.equals("schnet")) {
            throw new IllegalArgumentException("--encoder is mpnn or schnet, not " + o.encoder + ".");
        }
        return o;
    }

    static final String USAGE = """
        usage: mainjob/run [flags]
          --input FILE     SDF, SMILES (.smi/.csv) or XYZ file, optionally .gz/.xz (default: the embedded set)
          --limit N        read at most N molecules of the file (default 5000)
          --minutes M      training time budget (default 3)
          --steps N        train exactly N steps instead of a time budget
          --repa L         REPA weight λ (default 0 = off), aligned at block 2 for t in [0.5, 1]
          --encoder E      REPA encoder: mpnn (default) or schnet
          --samples N      molecules to generate (default 200)
          --device D       auto (default), cpu, gpu or gpu:N
          --out DIR        output folder (default out)
          --seed S         seed of everything random (default 1)""";
}
