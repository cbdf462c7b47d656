package org.knime.node.parameters;

import org.knime.node.parameters.persistence.Persistable;

/**
 * The settings of a node as a plain class: every non-static field is persisted under its field name
 * (or {@code @Persist(configKey)}); {@code @Widget} gives its dialog title and description. Needs a
 * no-argument constructor; a constructor taking {@link NodeParametersInput} is used for new nodes.
 */
public interface NodeParameters extends WidgetGroup, Persistable {
}
