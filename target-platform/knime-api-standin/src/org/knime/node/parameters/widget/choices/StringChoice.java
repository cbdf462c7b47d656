package org.knime.node.parameters.widget.choices;

/**
 * Stand-in: one entry of a plain dropdown.
 *
 * @param id the stored value
 * @param text what the dropdown shows
 */
public record StringChoice(String id, String text) {

    /** @return an entry shown as its own id */
    public static StringChoice fromId(final String id) {
        return new StringChoice(id, id);
    }
}
