package org.knime.core.webui.node.impl;

import org.knime.core.node.NodeDescription;
import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeView;

/** Factory of a node whose dialog is generated from its NodeParameters class. */
public abstract class WebUINodeFactory<M extends NodeModel> extends NodeFactory<M> {

    private final WebUINodeConfiguration m_configuration;

    protected WebUINodeFactory(final WebUINodeConfiguration configuration) {
        super(true);
        m_configuration = configuration;
        init();
    }

    @Override
    protected final NodeDescription createNodeDescription() {
        return new ConfiguredNodeDescription(m_configuration);
    }

    @Override
    public final int getNrNodeViews() {
        return 0;
    }

    @Override
    public final NodeView<M> createNodeView(final int viewIndex, final M nodeModel) {
        return null;
    }

    @Override
    public final boolean hasDialog() {
        return true;
    }

    @Override
    protected final NodeDialogPane createNodeDialogPane() {
        return null; // KNIME builds the dialog from the parameters class; the stand-in has no UI
    }
}
