package org.knime.core.node.port;

import java.io.OutputStream;
import java.util.zip.ZipOutputStream;

/** The zip stream a port object writes itself to when its workflow is saved. */
public class PortObjectZipOutputStream extends ZipOutputStream {

    /** Stand-in: KNIME creates these itself; tests use {@link StandInPortObjects}. */
    PortObjectZipOutputStream(final OutputStream out) {
        super(out);
    }
}
