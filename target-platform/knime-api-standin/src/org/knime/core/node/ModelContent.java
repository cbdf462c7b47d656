package org.knime.core.node;

import java.io.IOException;
import java.io.InputStream;

/** A typed key-value tree for models and specs, stored in KNIME's XML config format. */
public class ModelContent extends NodeSettings implements ModelContentRO, ModelContentWO {

    public ModelContent(final String key) {
        super(key);
    }

    /** Reads model content written by {@link #saveToXML(java.io.OutputStream)}. */
    public static ModelContentRO loadFromXML(final InputStream in) throws IOException {
        var read = SettingsXml.read(in);
        var content = new ModelContent(read.getKey());
        content.children().putAll(read.children());
        return content;
    }
}
