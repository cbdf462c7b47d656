package dev.flowmatch.engine.pretrained;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import ai.djl.Device;
import dev.flowmatch.engine.compute.ZipArchive;
import dev.flowmatch.engine.train.FlowModel;

/**
 * The flow models that ship inside the plugin (Pretrained Flow Model node, the main job's default). They are
 * listed in {@code models.json} beside this class and load from the bundle's class path: no download. Each
 * file's SHA-256 is checked before it is used, so a damaged installation says so instead of sampling
 * from wrong weights.
 */
public final class PretrainedModels {

    /** Resource of the index, relative to this class. */
    static final String INDEX = "models.json";

    private PretrainedModels() {
    }

    /** @return the shipped models, in the index's order */
    public static List<PretrainedModel> list() {
        try (var in = resource(INDEX)) {
            var models = ZipArchive.GSON.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                PretrainedModel[].class);
            return List.of(models);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("The plugin's list of pretrained models (" + INDEX + ") cannot be read: "
                + e.getMessage() + "; the installation is incomplete.", e);
        }
    }

    /** @throws IllegalArgumentException naming the id and the known ones */
    public static PretrainedModel get(final String id) {
        var all = list();
        return all.stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow(() -> new IllegalArgumentException(
            "No pretrained model \"" + id + "\"; this plugin ships " + all.stream().map(PretrainedModel::id).toList()
                + "."));
    }

    /** @return the model file's bytes, after checking them against the index's SHA-256 */
    public static byte[] bytes(final PretrainedModel model) throws IOException {
        byte[] data;
        try (var in = resource(model.file())) {
            data = in.readAllBytes();
        }
        var actual = ZipArchive.sha256(data);
        if (!actual.equalsIgnoreCase(model.sha256())) {
            throw new IOException("The pretrained model file plugin:" + model.file() + " is damaged: its SHA-256 is "
                + actual + ", the index says " + model.sha256() + ".");
        }
        return data;
    }

    /** @return the model card (Markdown) */
    public static String card(final PretrainedModel model) throws IOException {
        try (var in = resource(model.card())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** @return the model, loaded on the device; the caller closes it */
    public static FlowModel open(final PretrainedModel model, final Device device) throws IOException {
        return FlowModel.load(new ByteArrayInputStream(bytes(model)), Path.of("plugin:" + model.file()), device);
    }

    private static InputStream resource(final String name) throws IOException {
        var in = PretrainedModels.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("The plugin lacks the resource " + name + " of its pretrained models; the"
                + " installation is incomplete.");
        }
        return in;
    }
}
