package dev.flowmatch.bench;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import ai.djl.Device;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.flowmatch.engine.chem.PointCloud;
import dev.flowmatch.engine.compute.ZipArchive;
import dev.flowmatch.engine.train.EpochMetrics;
import dev.flowmatch.engine.train.FlowModel;
import dev.flowmatch.engine.train.Representation;
import dev.flowmatch.engine.train.TrainingSummary;

/**
 * Training on a lent GPU through the PyTorch twin of the network (benchmarks/torch/qm9_twin_train.py): the
 * engine's DJL build has only CPU natives offline, so a GPU trains the twin, and the engine samples and
 * measures the result like any model of its own.
 *
 * <ul>
 * <li>{@code twin-export --recipe R [--recipe R2 …] --out DIR}: QM9's training and validation molecules exactly
 * as {@link RecipeRun} trains on them (little-endian atom counts, types, coordinates), and per recipe its
 * settings (meta-R.json) and a check file with which the twin proves it is the engine's network.</li>
 * <li>{@code twin-import --recipe R --run PREFIX [--seed S] [--runs DIR]}: the twin's EMA weights and summary
 * become {@code model.zip} in the recipe's run folder under DIR (default ~/flowmatch-runs/qm9-twin), where
 * {@code qm9-quality --runs DIR --recipe R --steps N} finds and evaluates it.</li>
 * </ul>
 */
final class TwinTraining implements Benchmarks.Benchmark {

    private final boolean m_export;

    private TwinTraining(final boolean export) {
        m_export = export;
    }

    static TwinTraining export() {
        return new TwinTraining(true);
    }

    static TwinTraining load() {
        return new TwinTraining(false);
    }

    /** @return where imported twin runs live: $FLOWMATCH_RUNS/qm9-twin, default ~/flowmatch-runs/qm9-twin */
    static Path twinRoot() {
        return RecipeRun.runsRoot().resolveSibling("qm9-twin");
    }

    @Override
    public String run(final String[] args) throws Exception {
        var recipes = new ArrayList<Qm9Recipes.Recipe>();
        Path out = null;
        Path prefix = null;
        Path runs = twinRoot();
        long seed = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--recipe" -> recipes.add(Qm9Recipes.get(args[++i]));
                case "--out" -> out = Path.of(args[++i]);
                case "--run" -> prefix = Path.of(args[++i]);
                case "--runs" -> runs = Path.of(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("Unknown argument " + args[i]
                    + " (twin-export: --recipe R … --out DIR; twin-import: --recipe R --run PREFIX --seed S --runs DIR)");
            }
        }
        if (recipes.isEmpty()) {
            throw new IllegalArgumentException("Name a recipe with --recipe (known: " + Qm9Recipes.ALL.keySet() + ").");
        }
        var qm9 = Qm9Full.read();
        var rep = Representation.of(qm9.all().vocabulary().tokens(), true, qm9.train(), Double.NaN, 1.0);
        if (m_export) {
            if (out == null) {
                throw new IllegalArgumentException("twin-export needs --out DIR.");
            }
            Files.createDirectories(out);
            long atoms = writeSet(qm9.train(), out, "train") + writeSet(qm9.validation(), out, "val");
            for (var r : recipes) {
                var arch = r.architecture(rep.vocabulary().size(), rep.coordScale());
                var meta = new JsonObject();
                meta.add("vocabulary", ZipArchive.GSON.toJsonTree(rep.vocabulary()));
                meta.addProperty("coordScale", rep.coordScale());
                meta.addProperty("typeScale", rep.typeScale());
                meta.add("architecture", ZipArchive.GSON.toJsonTree(arch));
                meta.add("recipe", recipeJson(r));
                // one check file per architecture (recipes often share one)
                var g = arch.geometry();
                var check = String.format(Locale.ROOT, "check-%dx%d-h%d-%s%s%s.bin", arch.depth(), arch.width(),
                    arch.heads(), arch.conditioning(), arch.positionalEncoding() ? "-pos" : "",
                    g.equals(dev.flowmatch.engine.model.Geometry.NONE) ? "" : String.format(Locale.ROOT,
                        "-geo%s%s%s", g.distanceBias() ? "-bias" : "", "-" + g.head().name().toLowerCase(Locale.ROOT),
                        g.coordinateTokens() ? "" : "-notokens"));
                meta.addProperty("check", check);
                Files.writeString(out.resolve("meta-" + r.name() + ".json"), ZipArchive.GSON.toJson(meta));
                if (!Files.exists(out.resolve(check))) {
                    TwinCheckFile.write(arch, out.resolve(check));
                }
            }
            return String.format(Locale.ROOT, "molecules=%d atoms=%d recipes=%d out=%s", qm9.train().size()
                + qm9.validation().size(), atoms, recipes.size(), out);
        }
        if (prefix == null || recipes.size() != 1) {
            throw new IllegalArgumentException("twin-import needs one --recipe and --run PREFIX.");
        }
        var recipe = recipes.get(0);
        var summaryJson = JsonParser.parseString(Files.readString(Path.of(prefix + ".json"))).getAsJsonObject();
        int steps = summaryJson.get("steps").getAsInt();
        double seconds = summaryJson.get("seconds").getAsDouble();
        var curve = summaryJson.getAsJsonArray("validation");
        var last = curve.get(curve.size() - 1).getAsJsonArray();
        var arch = recipe.architecture(rep.vocabulary().size(), rep.coordScale());
        var training = recipe.training(steps, seed);
        var weights = readWeights(Path.of(prefix + "-weights.bin"));
        var dir = RecipeRun.folder(runs, recipe, seed, steps);
        Files.createDirectories(dir);
        var epochs = new ArrayList<EpochMetrics>();
        var csv = new StringBuilder("step,validation_loss,coord_loss,type_loss\n");
        for (var row : curve) {
            var a = row.getAsJsonArray();
            csv.append(String.format(Locale.ROOT, "%d,%.6f,%.6f,%.6f%n", a.get(0).getAsInt(), a.get(1).getAsDouble(),
                a.get(2).getAsDouble(), a.get(3).getAsDouble()));
        }
        var summary = new TrainingSummary(steps, qm9.train().size(), last.get(1).getAsDouble(),
            last.get(1).getAsDouble(), Double.NaN, seconds, summaryJson.get("parameters").getAsLong(), "", "");
        var model = dir.resolve("model.zip");
        var tmp = dir.resolve("model.zip.tmp");
        try (var flow = FlowModel.ofWeights(rep, arch, training, summary, epochs, byEngineName(weights, arch, rep),
            Device.cpu())) {
            flow.save(tmp, false);
        }
        Files.move(tmp, model, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.writeString(dir.resolve("curve.csv"), csv);
        Files.writeString(dir.resolve("train-seconds.txt"), String.format(Locale.ROOT, "%.1f%n", seconds));
        Files.writeString(dir.resolve("trained-on.txt"), summaryJson.get("device").getAsString() + ", torch "
            + summaryJson.get("torch").getAsString() + " (PyTorch twin)\n");
        return String.format(Locale.ROOT, "recipe=%s steps=%d train_s=%.0f device=%s model=%s", recipe.name(), steps,
            seconds, summaryJson.get("device").getAsString().replace(' ', '_'), model);
    }

    private static JsonObject recipeJson(final Qm9Recipes.Recipe r) {
        var t = r.training(1000, 1);
        var j = new JsonObject();
        j.addProperty("name", r.name());
        j.addProperty("batchSize", t.batchSize());
        j.addProperty("learningRate", t.learningRate());
        j.addProperty("warmupSteps", t.warmupSteps());
        j.addProperty("weightDecay", t.weightDecay());
        j.addProperty("clipNorm", t.clipNorm());
        j.addProperty("emaDecay", t.emaDecay());
        j.addProperty("rotationAugmentation", t.rotationAugmentation());
        j.addProperty("scheduler", t.path().scheduler().name());
        j.addProperty("parametrization", t.path().parametrization().name());
        j.addProperty("timeSampler", t.path().timeSampler().name());
        j.addProperty("timeA", t.path().timeA());
        j.addProperty("timeB", t.path().timeB());
        j.addProperty("timeFactor", t.path().timeFactor().name());
        j.addProperty("typeLoss", t.typeLoss().name());
        j.addProperty("coordWeight", t.coordWeight());
        j.addProperty("typeWeight", t.typeWeight());
        j.addProperty("coupling", t.coupling().name());
        j.addProperty("inputNoise", t.inputNoise());
        j.addProperty("typeFlow", t.typeFlow().name());
        j.addProperty("rotationCopies", t.rotationCopies());
        return j;
    }

    /** @return atoms written: NAME-counts.i32, NAME-types.i8 and NAME-coords.f32 (little-endian) */
    private static long writeSet(final List<PointCloud> clouds, final Path dir, final String name) throws IOException {
        long atoms = clouds.stream().mapToLong(PointCloud::size).sum();
        var counts = ByteBuffer.allocate(4 * clouds.size()).order(ByteOrder.LITTLE_ENDIAN);
        var types = ByteBuffer.allocate((int)atoms);
        var coords = ByteBuffer.allocate((int)(12 * atoms)).order(ByteOrder.LITTLE_ENDIAN);
        for (var c : clouds) {
            counts.putInt(c.size());
            for (int t : c.types()) {
                types.put((byte)t);
            }
            for (float v : c.coords()) {
                coords.putFloat(v);
            }
        }
        Files.write(dir.resolve(name + "-counts.i32"), counts.array());
        Files.write(dir.resolve(name + "-types.i8"), types.array());
        Files.write(dir.resolve(name + "-coords.f32"), coords.array());
        return atoms;
    }

    /** Reads the twin's weights (the check file's format: big-endian count, then name, rank, dims, floats). */
    private static Map<String, float[]> readWeights(final Path file) throws IOException {
        var out = new HashMap<String, float[]>();
        try (var in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                var name = in.readUTF();
                int rank = in.readInt();
                long size = 1;
                for (int d = 0; d < rank; d++) {
                    size *= in.readInt();
                }
                var values = new float[Math.toIntExact(size)];
                for (int k = 0; k < values.length; k++) {
                    values[k] = in.readFloat();
                }
                out.put(name, values);
            }
        }
        return out;
    }

    /** The twin's names are the engine's without DJL's ordinal prefixes ("04layer1_02attention_…"). */
    private static Map<String, float[]> byEngineName(final Map<String, float[]> twin,
        final dev.flowmatch.engine.model.ModelConfig arch, final Representation rep) {
        var out = new HashMap<String, float[]>();
        try (var manager = dev.flowmatch.engine.compute.TorchRuntime.newManager(Device.cpu())) {
            var net = new dev.flowmatch.engine.model.VelocityTransformer(arch);
            net.initialize(manager, 1);
            for (var p : net.getParameters()) {
                if (!p.getValue().requiresGradient()) {
                    continue;
                }
                var parts = p.getKey().split("_");
                var sb = new StringBuilder();
                for (int i = 0; i < parts.length; i++) {
                    var part = parts[i].replaceFirst("^\\d\\d", "");
                    if (i == parts.length - 1) {
                        part = part.equals("gamma") ? "weight" : part.equals("beta") ? "bias" : part;
                    }
                    sb.append(i == 0 ? "" : ".").append(part);
                }
                var values = twin.get(sb.toString());
                if (values != null) {
                    out.put(p.getKey(), values);
                }
            }
        }
        if (out.size() != twin.size()) {
            throw new IllegalArgumentException("The twin's weights name " + twin.size() + " parameters, of which "
                + out.size() + " match the engine's network (" + rep.vocabulary().size() + " types).");
        }
        return out;
    }
}
