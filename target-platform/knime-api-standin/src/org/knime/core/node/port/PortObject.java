package org.knime.core.node.port;

import java.io.IOException;

import javax.swing.JComponent;

import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;

/** What a port delivers after execution. */
public interface PortObject {

    /** @return a one-line summary shown in the port tooltip */
    String getSummary();

    PortObjectSpec getSpec();

    /** @return Swing views of the object; the stand-in never shows them */
    JComponent[] getViews();

    /** Writes and reads one kind of port object; registered in plugin.xml (extension point org.knime.core.PortType). */
    abstract class PortObjectSerializer<T extends PortObject> {

        public abstract void savePortObject(T portObject, PortObjectZipOutputStream out, ExecutionMonitor exec)
            throws IOException, CanceledExecutionException;

        public abstract T loadPortObject(PortObjectZipInputStream in, PortObjectSpec spec, ExecutionMonitor exec)
            throws IOException, CanceledExecutionException;
    }
}
