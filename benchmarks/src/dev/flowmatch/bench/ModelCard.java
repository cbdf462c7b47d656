package dev.flowmatch.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.flowmatch.engine.compute.ZipArchive;
import dev.flowmatch.engine.metrics.DistributionMetrics;
import dev.flowmatch.engine.pretrained.PretrainedModel;

/**
 * The measured part of a shipped model's card and index entry, written by ship-model and rewritten by
 * {@code pretrained-quality --update-card}: EDM's stability leads, beside the field's figures.
 */
final class ModelCard {

    /** Where the pretrained models, their cards and their index live in the plugin. */
    static final Path DIR = Path.of("plugin/src/main/resources/dev/flowmatch/engine/pretrained");

    /** Marks the start of the measured section; everything from it to the end is rewritten. */
    static final String METRICS_HEADING = "- **Metrics**";

    /** How a conditional model's summary phrase begins ({@link ConditionalCard}). */
    static final String CONDITIONED = "; conditioned on";

    private ModelCard() {
    }

    /** @return the one-line summary of the index entry */
    static String summary(final int trainingMolecules, final int steps, final int batch, final int samples,
        final String sampler, final Qm9Evaluation.Result r) {
        var v = r.values();
        return String.format(Locale.ROOT, "QM9 (%,d training molecules, explicit H), %,d steps of %d; on %,d samples"
            + " (%s, %d NFE): molecule stability (EDM) %.3f, atom stability (EDM) %.3f, connected validity %.3f,"
            + " bond length W1 %.3f Å", trainingMolecules, steps, batch, samples, sampler, r.nfe(),
            v.get(DistributionMetrics.MOLECULE_STABILITY_EDM), v.get(DistributionMetrics.ATOM_STABILITY_EDM),
            v.get(DistributionMetrics.CONNECTED_VALIDITY), v.get(DistributionMetrics.BOND_LENGTH_W1));
    }

    /** @return the card's metrics section, from {@link #METRICS_HEADING} on */
    static String metricsSection(final int samples, final int testMolecules, final Qm9Evaluation.Result r) {
        var v = r.values();
        var card = new StringBuilder();
        card.append(String.format(Locale.ROOT, "%s on %,d samples against the %,d test molecules, measured %s."
            + " Molecule and atom stability (EDM) are EDM's rule (bond orders from distances with EDM's tables), the"
            + " figure EDM (0.82), EquiFM (0.88) and GeoLDM (0.89) report and QM9 itself scores 0.95 on; the"
            + " perceived-bond rates below are more lenient and not comparable with them:%n%n", METRICS_HEADING,
            samples, testMolecules, LocalDate.now()));
        card.append("| metric | value |\n|---|---|\n");
        for (var e : v.entrySet()) {
            card.append(String.format(Locale.ROOT, "| %s | %.4f |%n", e.getKey(), e.getValue()));
        }
        return card.toString();
    }

    /** Rewrites the metrics section of a shipped model's card and its index summary; the model file is untouched. */
    static void update(final PretrainedModel model, final String summary, final String metricsSection)
        throws java.io.IOException {
        var cardFile = DIR.resolve(model.card());
        var card = Files.readString(cardFile, StandardCharsets.UTF_8);
        int at = card.indexOf(METRICS_HEADING);
        if (at < 0) {
            throw new IllegalStateException(cardFile + " has no \"" + METRICS_HEADING + "\" section to rewrite");
        }
        write(cardFile, card.substring(0, at) + metricsSection);
        // the conditioning figures (ConditionalCard) are not remeasured here: their phrase stays
        int conditioned = model.summary().indexOf(CONDITIONED);
        var changed = new PretrainedModel(model.id(), model.title(), model.file(), model.card(), model.sha256(),
            model.solver(), model.steps(), summary + (conditioned < 0 ? "" : model.summary().substring(conditioned)));
        index(changed);
    }

    /** Puts an entry into the index, replacing the one with its id. */
    static void index(final PretrainedModel entry) throws java.io.IOException {
        var index = DIR.resolve("models.json");
        var list = new ArrayList<PretrainedModel>();
        if (Files.exists(index)) {
            list.addAll(List.of(ZipArchive.GSON.fromJson(Files.readString(index), PretrainedModel[].class)));
        }
        int at = list.size();
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).id().equals(entry.id())) {
                at = i;
            }
        }
        if (at < list.size()) {
            list.set(at, entry);
        } else {
            list.add(entry);
        }
        write(index, ZipArchive.GSON.toJson(list));
    }

    /** Writes beside the file, then moves it into place: never a half-written card or index. */
    private static void write(final Path file, final String text) throws java.io.IOException {
        var tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
