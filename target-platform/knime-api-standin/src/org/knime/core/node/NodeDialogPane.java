package org.knime.core.node;

/** Legacy Swing dialog; WebUI nodes do not use it. Present so factory signatures match KNIME. */
public abstract class NodeDialogPane {
}
