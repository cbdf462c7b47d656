package org.knime.node.parameters;

/** A class whose annotated fields form (part of) a dialog. */
public interface WidgetGroup {
}
