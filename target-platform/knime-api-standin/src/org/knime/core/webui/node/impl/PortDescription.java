package org.knime.core.webui.node.impl;

import org.knime.core.node.port.PortType;

/** Name, type and description of one port of a WebUI node. */
public final class PortDescription {

    private final String m_name;

    private final PortType m_type;

    private final String m_description;

    private final boolean m_configurable;

    private final boolean m_optional;

    PortDescription(final String name, final PortType type, final String description, final boolean configurable,
        final boolean optional) {
        m_name = name;
        m_type = type;
        m_description = description;
        m_configurable = configurable;
        m_optional = optional;
    }

    public String getName() {
        return m_name;
    }

    public PortType getType() {
        return m_type;
    }

    public String getDescription() {
        return m_description;
    }

    public boolean isConfigurable() {
        return m_configurable;
    }

    public boolean isOptional() {
        return m_optional;
    }
}
