package org.knime.core.node.port;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.util.zip.ZipEntry;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.ModelContent;
import org.knime.core.node.ModelContentRO;
import org.knime.core.node.ModelContentWO;

/**
 * Base of specs whose content is a few typed values, stored as model content ("content.xml"). Subclasses
 * need a public no-argument constructor. Two specs are equal when their saved content is equal.
 */
public abstract class AbstractSimplePortObjectSpec implements PortObjectSpec {

    private static final String ENTRY = "content.xml";

    protected AbstractSimplePortObjectSpec() {
    }

    protected abstract void save(ModelContentWO model);

    protected abstract void load(ModelContentRO model) throws InvalidSettingsException;

    final ModelContent content() {
        var c = new ModelContent("model");
        save(c);
        return c;
    }

    @Override
    public boolean equals(final Object o) {
        return o != null && o.getClass() == getClass() && ((AbstractSimplePortObjectSpec)o).content().equals(content());
    }

    @Override
    public int hashCode() {
        return content().hashCode();
    }

    /** Serializer of one subclass: declare {@code class Serializer extends AbstractSimplePortObjectSpecSerializer<Mine>}. */
    public abstract static class AbstractSimplePortObjectSpecSerializer<T extends AbstractSimplePortObjectSpec>
        extends PortObjectSpecSerializer<T> {

        @Override
        public void savePortObjectSpec(final T spec, final PortObjectSpecZipOutputStream out) throws IOException {
            out.putNextEntry(new ZipEntry(ENTRY));
            var bytes = new ByteArrayOutputStream();
            spec.content().saveToXML(bytes);
            out.write(bytes.toByteArray());
            out.closeEntry();
        }

        @Override
        @SuppressWarnings("unchecked")
        public T loadPortObjectSpec(final PortObjectSpecZipInputStream in) throws IOException {
            var entry = in.getNextEntry();
            if (entry == null || !ENTRY.equals(entry.getName())) {
                throw new IOException("Expected zip entry " + ENTRY + ", got " + (entry == null ? "none" : entry.getName()));
            }
            var content = ModelContent.loadFromXML(new FilterInputStream(in) {
                @Override
                public void close() {
                    // the zip stream stays open for the caller
                }
            });
            var spec = (T)GenericTypes.newInstanceOfTypeArgument(getClass(), AbstractSimplePortObjectSpec.class);
            try {
                spec.load(content);
            } catch (InvalidSettingsException e) {
                throw new IOException("Cannot load " + spec.getClass().getSimpleName() + ": " + e.getMessage(), e);
            }
            return spec;
        }
    }

}
