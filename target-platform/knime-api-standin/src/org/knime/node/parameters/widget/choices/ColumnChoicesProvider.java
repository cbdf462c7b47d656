package org.knime.node.parameters.widget.choices;

import java.util.List;

import org.knime.core.data.DataColumnSpec;
import org.knime.node.parameters.NodeParametersInput;

/** Stand-in: offers columns of the node's input as the choices of a dropdown. */
public interface ColumnChoicesProvider extends TypedStringChoicesProvider {

    /** @return the columns to offer, never null */
    default List<DataColumnSpec> columnChoices(final NodeParametersInput context) {
        throw new IllegalStateException("A column choices provider must implement columnChoices or computeState.");
    }

    @Override
    default List<TypedStringChoice> computeState(final NodeParametersInput context) {
        return columnChoices(context).stream().map(TypedStringChoice::fromColSpec).toList();
    }
}
