package org.knime.node.parameters.widget.choices;

import org.knime.core.data.DataColumnSpec;

/**
 * Stand-in: one entry of a typed dropdown.
 *
 * @param id the stored value (the column name)
 * @param text what the dropdown shows
 * @param type the entry's type, shown beside it
 */
public record TypedStringChoice(String id, String text, PossibleTypeValue type) {

    /**
     * @param id identifies the type
     * @param text the type as shown
     */
    public record PossibleTypeValue(String id, String text) {
    }

    /** @return the entry for a column: its name, with its type */
    public static TypedStringChoice fromColSpec(final DataColumnSpec colSpec) {
        var type = colSpec.getType();
        return new TypedStringChoice(colSpec.getName(), colSpec.getName(),
            new PossibleTypeValue(type.getCellClass().getName(), type.getName()));
    }
}
