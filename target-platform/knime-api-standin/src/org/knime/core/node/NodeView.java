package org.knime.core.node;

/** Legacy Swing node view; our nodes have none. Present so factory signatures match KNIME. */
public abstract class NodeView<T extends NodeModel> {

    private final T m_model;

    protected NodeView(final T model) {
        m_model = model;
    }

    protected T getNodeModel() {
        return m_model;
    }
}
