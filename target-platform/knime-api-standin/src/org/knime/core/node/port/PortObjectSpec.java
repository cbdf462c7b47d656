package org.knime.core.node.port;

import java.io.IOException;

import javax.swing.JComponent;

/** What a port will deliver, known at configure time (for tables: the DataTableSpec). */
public interface PortObjectSpec {

    /** @return Swing views of the spec; the stand-in never shows them */
    default JComponent[] getViews() {
        return new JComponent[0];
    }

    /** Writes and reads one kind of spec; registered in plugin.xml next to the object serializer. */
    abstract class PortObjectSpecSerializer<T extends PortObjectSpec> {

        public abstract void savePortObjectSpec(T spec, PortObjectSpecZipOutputStream out) throws IOException;

        public abstract T loadPortObjectSpec(PortObjectSpecZipInputStream in) throws IOException;
    }
}
