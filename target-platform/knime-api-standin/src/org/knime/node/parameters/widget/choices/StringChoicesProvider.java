package org.knime.node.parameters.widget.choices;

import java.util.List;

import org.knime.node.parameters.NodeParametersInput;
import org.knime.node.parameters.updates.StateProvider;

/**
 * Stand-in: choices that are plain strings (ids with a shown text); computed before the dialog opens by
 * default. Implement {@link #choices} (ids shown as themselves) or {@link #computeState}.
 */
public non-sealed interface StringChoicesProvider extends ChoicesStateProvider<StringChoice> {

    @Override
    default void init(final StateProvider.StateProviderInitializer initializer) {
        initializer.computeBeforeOpenDialog();
    }

    /** @return the ids to offer */
    default List<String> choices(final NodeParametersInput context) {
        throw new IllegalStateException("Implement choices or computeState.");
    }

    @Override
    default List<StringChoice> computeState(final NodeParametersInput context) {
        return choices(context).stream().map(StringChoice::fromId).toList();
    }
}
