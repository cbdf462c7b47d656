package org.knime.core.node.port;

import java.io.InputStream;
import java.util.zip.ZipInputStream;

/** The zip stream a port object spec reads itself from. */
public class PortObjectSpecZipInputStream extends ZipInputStream {

    PortObjectSpecZipInputStream(final InputStream in) {
        super(in);
    }
}
