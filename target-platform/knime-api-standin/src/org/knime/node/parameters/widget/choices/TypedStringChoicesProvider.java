package org.knime.node.parameters.widget.choices;

/** Stand-in: choices that are names with a type, e.g. columns; computed before the dialog opens by default. */
public non-sealed interface TypedStringChoicesProvider extends ChoicesStateProvider<TypedStringChoice> {

    @Override
    default void init(final StateProviderInitializer initializer) {
        initializer.computeBeforeOpenDialog();
    }
}
