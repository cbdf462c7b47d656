package org.knime.core.node.port;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Hands out the one PortType per port object class (KNIME reads names and colours from plugin.xml). */
public final class PortTypeRegistry {

    private static final PortTypeRegistry INSTANCE = new PortTypeRegistry();

    private final Map<Class<? extends PortObject>, PortType[]> m_types = new ConcurrentHashMap<>();

    private PortTypeRegistry() {
    }

    public static PortTypeRegistry getInstance() {
        return INSTANCE;
    }

    public PortType getPortType(final Class<? extends PortObject> objectClass) {
        return getPortType(objectClass, false);
    }

    public PortType getPortType(final Class<? extends PortObject> objectClass, final boolean isOptional) {
        var pair = m_types.computeIfAbsent(objectClass,
            c -> new PortType[]{new PortType(c, false), new PortType(c, true)});
        return pair[isOptional ? 1 : 0];
    }
}
