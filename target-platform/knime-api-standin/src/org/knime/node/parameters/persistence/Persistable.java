package org.knime.node.parameters.persistence;

/** Marker: a class whose fields are saved to and loaded from node settings. */
public interface Persistable {
}
