package org.knime.core.node.port;

import java.io.InputStream;
import java.util.zip.ZipInputStream;

/** The zip stream a port object reads itself from when its workflow is loaded. */
public class PortObjectZipInputStream extends ZipInputStream {

    PortObjectZipInputStream(final InputStream in) {
        super(in);
    }
}
