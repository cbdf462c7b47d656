package org.knime.node.parameters.widget.choices;

import java.util.List;

import org.knime.node.parameters.updates.StateProvider;

/**
 * Stand-in: the providers a {@link ChoicesProvider} accepts; sealed as in KNIME, so nodes implement one of
 * the permitted kinds (here typed strings, i.e. columns, and plain strings).
 *
 * @param <S> the type of one choice
 */
public sealed interface ChoicesStateProvider<S> extends StateProvider<List<S>> permits TypedStringChoicesProvider, StringChoicesProvider {
}
