package org.knime.core.node;

/** What KNIME shows in the node description panel. */
public abstract class NodeDescription {

    public abstract String getNodeName();

    public abstract String getIconPath();

    public abstract String getShortDescription();

    public abstract String getIntro();

    public abstract String getInportName(int index);

    public abstract String getInportDescription(int index);

    public abstract String getOutportName(int index);

    public abstract String getOutportDescription(int index);

    public abstract NodeFactory.NodeType getType();
}
