package org.knime.node.parameters.updates;

import org.knime.node.parameters.NodeParametersInput;

/**
 * Stand-in: computes a piece of dialog state (for us: the choices of a dropdown) from the node's input. The
 * initializer says when; only the triggers our nodes use are declared here.
 *
 * @param <S> the state's type
 */
public interface StateProvider<S> {

    /** When the state is computed (subset of KNIME's triggers). */
    interface StateProviderInitializer {

        /** Compute once, synchronously, before the dialog opens. */
        void computeBeforeOpenDialog();

        /** Compute once, asynchronously, right after the dialog opened. */
        void computeAfterOpenDialog();
    }

    void init(StateProviderInitializer initializer);

    S computeState(NodeParametersInput context);
}
