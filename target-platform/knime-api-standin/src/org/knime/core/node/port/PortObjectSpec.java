package org.knime.core.node.port;

import javax.swing.JComponent;

/** What a port will deliver, known at configure time (for tables: the DataTableSpec). */
public interface PortObjectSpec {

    /** @return Swing views of the spec; the stand-in never shows them */
    default JComponent[] getViews() {
        return new JComponent[0];
    }
}
