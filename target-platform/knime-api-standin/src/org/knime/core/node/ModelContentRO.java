package org.knime.core.node;

/**
 * Read access to model content (a port object spec's or model's typed key-value tree). In KNIME both this
 * and NodeSettingsRO extend ConfigRO; the stand-in shares NodeSettingsRO's getters instead.
 */
public interface ModelContentRO extends NodeSettingsRO {
}
