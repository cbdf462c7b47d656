package dev.flowmatch.engine.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import dev.flowmatch.engine.compute.ZipArchive;
import dev.flowmatch.engine.model.ModelConfig;

/**
 * Saves and restores a {@link Trainer} exactly: settings, step, current weights (network and REPA projector),
 * EMA weights and AdamW moments. Since batches, noise and times are functions of (seed, step), a resumed
 * run computes the same losses as one that never stopped.
 */
public final class Checkpoint {

    static final String FORMAT = "flowmatch-checkpoint";

    static final int VERSION = 1;

    private static final String HEADER = "checkpoint.json";

    private Checkpoint() {
    }

    public static void save(final Trainer trainer, final Path file) throws IOException {
        var json = settingsHeader(FORMAT, VERSION, trainer.m_representation, trainer.m_architecture,
            trainer.m_config);
        json.addProperty("step", trainer.m_step);
        if (trainer.m_conditions != null) {
            json.add("conditions", ZipArchive.GSON.toJsonTree(trainer.m_conditions));
        }
        json.addProperty("repaDimension", trainer.m_repaDim);
        json.addProperty("startedFrom", trainer.m_startedFrom);
        var entries = new LinkedHashMap<String, byte[]>();
        entries.put("weights.ndlist", arrays(trainer).encode());
        entries.put("ema.ndlist", trainer.m_ema.weights().encode());
        entries.put("optimizer.ndlist", trainer.m_adam.state().encode());
        ZipArchive.write(file, HEADER, json, entries);
    }

    /**
     * @throws IOException with a message naming the file and what is wrong with it
     */
    public static Trainer load(final Path file, final Device device) throws IOException {
        var zip = ZipArchive.read(file, HEADER, java.util.Set.of("weights.ndlist", "ema.ndlist", "optimizer.ndlist"));
        var json = zip.header(HEADER, FORMAT, VERSION);
        var representation = zip.field(json, "representation", Representation.class);
        var architecture = zip.field(json, "architecture", ModelConfig.class);
        var training = zip.field(json, "training", TrainingConfig.class);
        int step = json.get("step").getAsInt();
        int repaDim = json.get("repaDimension").getAsInt();
        Trainer trainer;
        try {
            var conditions = json.has("conditions") ? zip.field(json, "conditions", Conditions.class) : null;
            trainer = new Trainer(representation, architecture, training, repaDim, device, conditions);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": inconsistent settings: " + e.getMessage(), e);
        }
        try {
            var weights = zip.arrays("weights.ndlist", trainer.m_manager);
            var params = parameters(trainer);
            if (weights.size() != params.size()) {
                throw new IOException(file + ": " + weights.size() + " weight arrays for " + params.size()
                    + " parameters.");
            }
            for (int i = 0; i < params.size(); i++) {
                AdamW.copyInto(weights.get(i), params.get(i).getArray());
            }
            trainer.m_ema.load(zip.arrays("ema.ndlist", trainer.m_manager));
            trainer.m_adam.load(zip.arrays("optimizer.ndlist", trainer.m_manager));
            weights.close();
        } catch (IOException | RuntimeException e) {
            trainer.close();
            throw e instanceof IOException io ? io : new IOException(file + ": " + e.getMessage(), e);
        }
        trainer.m_step = step;
        trainer.m_startedFrom = json.has("startedFrom") ? json.get("startedFrom").getAsString() : "";
        return trainer;
    }

    private static java.util.List<Parameter> parameters(final Trainer t) {
        var all = new java.util.ArrayList<>(t.m_model.getParameters().values());
        if (t.m_repa != null) {
            all.addAll(t.m_repa.getParameters().values());
        }
        return all;
    }

    private static NDList arrays(final Trainer t) {
        var list = new NDList();
        parameters(t).forEach(p -> list.add(p.getArray()));
        return list;
    }

    /** @return a header with format, version and the settings every file of ours carries */
    static com.google.gson.JsonObject settingsHeader(final String format, final int version, final Representation representation,
        final ModelConfig architecture, final TrainingConfig training) {
        var json = new com.google.gson.JsonObject();
        json.addProperty("format", format);
        json.addProperty("version", version);
        json.add("representation", ZipArchive.GSON.toJsonTree(representation));
        json.add("architecture", ZipArchive.GSON.toJsonTree(architecture));
        json.add("training", ZipArchive.GSON.toJsonTree(training));
        return json;
    }
}
