package dev.flowmatch.engine.pretrained;

import java.util.Locale;

/**
 * One model that ships inside the plugin, as its index lists it: the model file (EMA weights only), its
 * model card, and how it is meant to be sampled.
 *
 * @param id stable identifier, stored in workflows (e.g. "qm9-h")
 * @param title what users see in a dropdown
 * @param file resource name of the model file beside the index
 * @param card resource name of the model card (Markdown: data, recipe, steps, metrics, date)
 * @param sha256 SHA-256 of the model file, checked when it is read
 * @param solver recommended solver (a {@code SolverKind} name)
 * @param steps recommended solver steps
 * @param summary one line: data, steps, headline metrics
 */
public record PretrainedModel(String id, String title, String file, String card, String sha256, String solver,
    int steps, String summary) {

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (%s)", title, id);
    }
}
