package org.knime.core.node.port;

import java.io.IOException;

import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;

/**
 * Base of port objects that save their content into a zip stream. Subclasses need a public no-argument
 * constructor (the serializer creates the object, then calls {@link #load}).
 */
public abstract class AbstractPortObject implements PortObject {

    protected AbstractPortObject() {
    }

    protected abstract void save(PortObjectZipOutputStream out, ExecutionMonitor exec)
        throws IOException, CanceledExecutionException;

    protected abstract void load(PortObjectZipInputStream in, PortObjectSpec spec, ExecutionMonitor exec)
        throws IOException, CanceledExecutionException;

    /** Serializer of one subclass: declare {@code class Serializer extends AbstractPortObjectSerializer<Mine>}. */
    public abstract static class AbstractPortObjectSerializer<T extends AbstractPortObject>
        extends PortObjectSerializer<T> {

        @Override
        public void savePortObject(final T portObject, final PortObjectZipOutputStream out,
            final ExecutionMonitor exec) throws IOException, CanceledExecutionException {
            portObject.save(out, exec);
        }

        @Override
        @SuppressWarnings("unchecked")
        public T loadPortObject(final PortObjectZipInputStream in, final PortObjectSpec spec,
            final ExecutionMonitor exec) throws IOException, CanceledExecutionException {
            var o = (T)GenericTypes.newInstanceOfTypeArgument(getClass(), AbstractPortObject.class);
            o.load(in, spec, exec);
            return o;
        }
    }
}
