package org.knime.core.webui.node.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.NodeFactory.NodeType;
import org.knime.core.node.port.PortType;
import org.knime.node.parameters.NodeParameters;

/**
 * Everything KNIME needs to know about a WebUI node: name, icon, descriptions, parameters class, ports.
 * Built in stages so that the required parts cannot be forgotten.
 */
public final class WebUINodeConfiguration {

    private final NodeOptionals m_b;

    private WebUINodeConfiguration(final NodeOptionals b) {
        m_b = b;
    }

    public static Builder builder() {
        return new Builder();
    }

    String getName() {
        return m_b.m_name;
    }

    String getIcon() {
        return m_b.m_icon;
    }

    String getShortDescription() {
        return m_b.m_shortDescription;
    }

    String getFullDescription() {
        return m_b.m_fullDescription;
    }

    Class<? extends NodeParameters> getModelSettingsClass() {
        return m_b.m_modelSettingsClass;
    }

    NodeType getNodeType() {
        return m_b.m_nodeType;
    }

    PortDescription[] getInPortDescriptions() {
        return m_b.m_in.toArray(PortDescription[]::new);
    }

    PortDescription[] getOutPortDescriptions() {
        return m_b.m_out.toArray(PortDescription[]::new);
    }

    PortType[] getInputPortTypes() {
        return m_b.m_in.stream().map(PortDescription::getType).toArray(PortType[]::new);
    }

    PortType[] getOutputPortTypes() {
        return m_b.m_out.stream().map(PortDescription::getType).toArray(PortType[]::new);
    }

    String[] getKeywords() {
        return m_b.m_keywords.toArray(String[]::new);
    }

    /** First stage. */
    public static final class Builder {
        private Builder() {
        }

        public RequireIcon name(final String name) {
            return icon -> shortDescription -> fullDescription -> modelSettingsClass -> new NodeOptionals(name, icon,
                shortDescription, fullDescription, modelSettingsClass);
        }
    }

    /** Stage requiring the icon path, relative to the factory class. */
    @FunctionalInterface
    public interface RequireIcon {
        RequireShortDescription icon(String icon);
    }

    /** Stage requiring the one-line description. */
    @FunctionalInterface
    public interface RequireShortDescription {
        RequireFullDescription shortDescription(String shortDescription);
    }

    /** Stage requiring the full (HTML) description. */
    @FunctionalInterface
    public interface RequireFullDescription {
        RequireModelSettingsClass fullDescription(String fullDescription);
    }

    /** Stage requiring the parameters class. */
    @FunctionalInterface
    public interface RequireModelSettingsClass {
        NodeOptionals modelSettingsClass(Class<? extends NodeParameters> modelSettingsClass);
    }

    /** Last stage: ports, node type, keywords, then build(). */
    public static final class NodeOptionals {

        private final String m_name;

        private final String m_icon;

        private final String m_shortDescription;

        private final String m_fullDescription;

        private final Class<? extends NodeParameters> m_modelSettingsClass;

        private final List<PortDescription> m_in = new ArrayList<>();

        private final List<PortDescription> m_out = new ArrayList<>();

        private final List<String> m_keywords = new ArrayList<>();

        private NodeType m_nodeType;

        NodeOptionals(final String name, final String icon, final String shortDescription,
            final String fullDescription, final Class<? extends NodeParameters> modelSettingsClass) {
            m_name = Objects.requireNonNull(name, "name");
            m_icon = Objects.requireNonNull(icon, "icon");
            m_shortDescription = Objects.requireNonNull(shortDescription, "shortDescription");
            m_fullDescription = Objects.requireNonNull(fullDescription, "fullDescription");
            m_modelSettingsClass = modelSettingsClass;
        }

        public NodeOptionals nodeType(final NodeType nodeType) {
            m_nodeType = nodeType;
            return this;
        }

        public NodeOptionals addInputTable(final String name, final String description) {
            return addInputPort(name, BufferedDataTable.TYPE, description);
        }

        public NodeOptionals addOptionalInputTable(final String name, final String description) {
            m_in.add(new PortDescription(name, BufferedDataTable.TYPE_OPTIONAL, description, false, true));
            return this;
        }

        public NodeOptionals addInputPort(final String name, final PortType type, final String description) {
            m_in.add(new PortDescription(name, type, description, false, type.isOptional()));
            return this;
        }

        public NodeOptionals addOutputTable(final String name, final String description) {
            return addOutputPort(name, BufferedDataTable.TYPE, description);
        }

        public NodeOptionals addOutputPort(final String name, final PortType type, final String description) {
            m_out.add(new PortDescription(name, type, description, false, false));
            return this;
        }

        public NodeOptionals keywords(final String... keywords) {
            m_keywords.addAll(List.of(keywords));
            return this;
        }

        public WebUINodeConfiguration build() {
            return new WebUINodeConfiguration(this);
        }
    }
}
