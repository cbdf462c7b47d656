package org.knime.core.node.port;

import java.util.Objects;

/** The kind of a port: the port object class and whether the port may stay unconnected. */
public final class PortType {

    private final Class<? extends PortObject> m_objectClass;

    private final boolean m_optional;

    PortType(final Class<? extends PortObject> objectClass, final boolean optional) {
        m_objectClass = Objects.requireNonNull(objectClass);
        m_optional = optional;
    }

    public Class<? extends PortObject> getPortObjectClass() {
        return m_objectClass;
    }

    public boolean isOptional() {
        return m_optional;
    }

    public String getName() {
        return m_objectClass.getSimpleName();
    }

    /** @return true if an object of the given class may be connected to this port */
    public boolean acceptsPortObjectClass(final Class<? extends PortObject> cl) {
        return m_objectClass.isAssignableFrom(cl);
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof PortType other && other.m_objectClass == m_objectClass && other.m_optional == m_optional;
    }

    @Override
    public int hashCode() {
        return Objects.hash(m_objectClass, m_optional);
    }

    @Override
    public String toString() {
        return getName() + (m_optional ? " (optional)" : "");
    }
}
