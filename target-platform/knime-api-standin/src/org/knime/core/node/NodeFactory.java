package org.knime.core.node;

/** Creates the model (and legacy views and dialog) of one kind of node; registered in plugin.xml. */
public abstract class NodeFactory<T extends NodeModel> {

    /** How the node is drawn in the workflow editor. */
    public enum NodeType {
        Source, Sink, Learner, Predictor, Manipulator, Visualizer, Other
    }

    private NodeDescription m_description;

    protected NodeFactory() {
        this(false);
    }

    protected NodeFactory(final boolean lazyInitialization) {
        // KNIME defers reading the description when lazy; the stand-in reads it on first use.
    }

    /** Reads the node description (KNIME calls this once after construction). */
    public void init() {
        getNodeDescription();
    }

    /** @return the description; by default KNIME reads an XML file next to the factory, unsupported here */
    protected NodeDescription createNodeDescription() throws Exception {
        throw new UnsupportedOperationException(
            "The KNIME stand-in only supports descriptions from createNodeDescription(): " + getClass().getName());
    }

    public final NodeDescription getNodeDescription() {
        if (m_description == null) {
            try {
                m_description = createNodeDescription();
            } catch (Exception e) {
                throw new IllegalStateException("Cannot create the description of " + getClass().getName(), e);
            }
        }
        return m_description;
    }

    public final String getNodeName() {
        return getNodeDescription().getNodeName();
    }

    public final String getInportName(final int index) {
        return getNodeDescription().getInportName(index);
    }

    public final String getInportDescription(final int index) {
        return getNodeDescription().getInportDescription(index);
    }

    public final String getOutportName(final int index) {
        return getNodeDescription().getOutportName(index);
    }

    public final String getOutportDescription(final int index) {
        return getNodeDescription().getOutportDescription(index);
    }

    public abstract T createNodeModel();

    protected abstract int getNrNodeViews();

    public abstract NodeView<T> createNodeView(int viewIndex, T nodeModel);

    protected abstract boolean hasDialog();

    protected abstract NodeDialogPane createNodeDialogPane();
}
