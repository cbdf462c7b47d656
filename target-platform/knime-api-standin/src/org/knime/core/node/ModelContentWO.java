package org.knime.core.node;

/** Write access to model content; see {@link ModelContentRO}. */
public interface ModelContentWO extends NodeSettingsWO {
}
