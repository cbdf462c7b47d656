package org.knime.core.node.port;

import javax.swing.JComponent;

/** What a port delivers after execution. */
public interface PortObject {

    /** @return a one-line summary shown in the port tooltip */
    String getSummary();

    PortObjectSpec getSpec();

    /** @return Swing views of the object; the stand-in never shows them */
    JComponent[] getViews();
}
