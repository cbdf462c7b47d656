package org.knime.core.node.port;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;

/**
 * Stand-in only, not part of KNIME: saves a port object and its spec the way KNIME does when a workflow
 * is saved (each through its serializer into its own zip stream) and loads them back, as when the workflow
 * is opened again.
 */
public final class StandInPortObjects {

    private StandInPortObjects() {
    }

    /** @return the object as loaded back from its serialized bytes (spec loaded first, as KNIME does) */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static PortObject saveAndLoad(final PortObject object, final PortObject.PortObjectSerializer serializer,
        final PortObjectSpec.PortObjectSpecSerializer specSerializer) throws IOException, CanceledExecutionException {
        var specBytes = new ByteArrayOutputStream();
        try (var out = new PortObjectSpecZipOutputStream(specBytes)) {
            specSerializer.savePortObjectSpec(object.getSpec(), out);
        }
        var objectBytes = new ByteArrayOutputStream();
        try (var out = new PortObjectZipOutputStream(objectBytes)) {
            serializer.savePortObject(object, out, new ExecutionMonitor());
        }
        PortObjectSpec spec;
        try (var in = new PortObjectSpecZipInputStream(new ByteArrayInputStream(specBytes.toByteArray()))) {
            spec = specSerializer.loadPortObjectSpec(in);
        }
        try (var in = new PortObjectZipInputStream(new ByteArrayInputStream(objectBytes.toByteArray()))) {
            return serializer.loadPortObject(in, spec, new ExecutionMonitor());
        }
    }
}
