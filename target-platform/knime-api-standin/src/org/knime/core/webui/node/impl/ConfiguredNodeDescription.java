package org.knime.core.webui.node.impl;

import org.knime.core.node.NodeDescription;
import org.knime.core.node.NodeFactory.NodeType;

/** The node description derived from a {@link WebUINodeConfiguration}. */
final class ConfiguredNodeDescription extends NodeDescription {

    private final WebUINodeConfiguration m_c;

    ConfiguredNodeDescription(final WebUINodeConfiguration c) {
        m_c = c;
    }

    @Override
    public String getNodeName() {
        return m_c.getName();
    }

    @Override
    public String getIconPath() {
        return m_c.getIcon();
    }

    @Override
    public String getShortDescription() {
        return m_c.getShortDescription();
    }

    @Override
    public String getIntro() {
        return m_c.getFullDescription();
    }

    @Override
    public String getInportName(final int index) {
        return m_c.getInPortDescriptions()[index].getName();
    }

    @Override
    public String getInportDescription(final int index) {
        return m_c.getInPortDescriptions()[index].getDescription();
    }

    @Override
    public String getOutportName(final int index) {
        return m_c.getOutPortDescriptions()[index].getName();
    }

    @Override
    public String getOutportDescription(final int index) {
        return m_c.getOutPortDescriptions()[index].getDescription();
    }

    /** As KNIME: explicit type, else Source without inputs, Sink without outputs, else Manipulator. */
    @Override
    public NodeType getType() {
        if (m_c.getNodeType() != null) {
            return m_c.getNodeType();
        }
        if (m_c.getInPortDescriptions().length == 0) {
            return NodeType.Source;
        }
        return m_c.getOutPortDescriptions().length == 0 ? NodeType.Sink : NodeType.Manipulator;
    }
}
