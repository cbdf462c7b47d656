package dev.flowmatch.nodes.port;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;

import javax.swing.JComponent;

import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.port.AbstractPortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortObjectZipInputStream;
import org.knime.core.node.port.PortObjectZipOutputStream;
import org.knime.core.node.port.PortType;
import org.knime.core.node.port.PortTypeRegistry;

import ai.djl.Device;
import dev.flowmatch.engine.train.FlowModel;

/**
 * A trained flow-matching model on a KNIME port. It holds the model file's bytes (the same zip the engine
 * writes: settings, EMA weights, training curve), so it is saved with the workflow as one entry and loaded
 * again without touching DJL until a node opens it.
 */
public final class FlowModelPortObject extends AbstractPortObject {

    public static final PortType TYPE = PortTypeRegistry.getInstance().getPortType(FlowModelPortObject.class);

    /** The same port, optional (a node that runs without it, e.g. the learner's start model). */
    public static final PortType TYPE_OPTIONAL =
        PortTypeRegistry.getInstance().getPortType(FlowModelPortObject.class, true);

    private static final String ENTRY = "flowmatch-model.zip";

    private static final String TEXT = "summary.txt";

    private static final String SEPARATOR = "\n---\n";

    private FlowModelPortObjectSpec m_spec;

    /** Most bytes of the summary and description text kept with the model. */
    private static final long TEXT_LIMIT = 1L << 20;

    private byte[] m_file;

    private String m_summary = "";

    private String m_description = "";

    /** For the serializer. */
    public FlowModelPortObject() {
    }

    /** @return a port object holding a copy of the model (the model itself may be closed afterwards) */
    public static FlowModelPortObject of(final FlowModel model) throws IOException {
        var tmp = Files.createTempFile("flowmatch-model", ".zip");
        try {
            model.save(tmp);
            var o = new FlowModelPortObject();
            o.m_file = Files.readAllBytes(tmp);
            o.m_spec = FlowModelPortObjectSpec.of(model);
            o.describe(model);
            return o;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * @param file the bytes of a model file (e.g. one shipped in the plugin), kept as they are
     * @param label names the source in messages
     * @return a port object holding exactly these bytes
     * @throws IOException naming the source when the bytes are not a model
     */
    public static FlowModelPortObject ofFile(final byte[] file, final String label) throws IOException {
        try (var model = FlowModel.load(new ByteArrayInputStream(file), Path.of(label), Device.cpu())) {
            var o = new FlowModelPortObject();
            o.m_file = file.clone();
            o.m_spec = FlowModelPortObjectSpec.of(model);
            o.describe(model);
            return o;
        }
    }

    /** @return a copy of the model file's bytes */
    public byte[] fileBytes() {
        return m_file.clone();
    }

    private void describe(final FlowModel model) {
        var s = model.summary();
        m_summary = String.format(java.util.Locale.ROOT, "Flow-matching model: %,d parameters, %d steps, loss %.4f%s",
            s.parameters(), s.steps(), s.finalLoss(), s.encoder().isEmpty() ? "" : ", REPA with " + s.encoder());
        m_description = model.describe();
    }

    /** @return the model on the device; the caller closes it */
    public FlowModel open(final Device device) throws IOException {
        return FlowModel.load(new ByteArrayInputStream(m_file), Path.of("the model port object"), device);
    }

    @Override
    public String getSummary() {
        return m_summary;
    }

    /** @return the readable multi-line description (representation, architecture, path, training) */
    public String getDescription() {
        return m_description;
    }

    @Override
    public FlowModelPortObjectSpec getSpec() {
        return m_spec;
    }

    @Override
    public JComponent[] getViews() {
        return new JComponent[0];
    }

    @Override
    protected void save(final PortObjectZipOutputStream out, final ExecutionMonitor exec) throws IOException {
        out.putNextEntry(new ZipEntry(ENTRY));
        out.write(m_file);
        out.closeEntry();
        out.putNextEntry(new ZipEntry(TEXT));
        out.write((m_summary + SEPARATOR + m_description).getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }

    @Override
    protected void load(final PortObjectZipInputStream in, final PortObjectSpec spec, final ExecutionMonitor exec)
        throws IOException {
        m_file = entry(in, ENTRY, FlowModel.MAX_FILE_BYTES);
        var text = new String(entry(in, TEXT, TEXT_LIMIT), StandardCharsets.UTF_8);
        int cut = text.indexOf(SEPARATOR);
        m_summary = cut < 0 ? text : text.substring(0, cut);
        m_description = cut < 0 ? "" : text.substring(cut + SEPARATOR.length());
        m_spec = (FlowModelPortObjectSpec)spec;
    }

    /** A workflow may come from anyone: what it stores is read no further than a model can need. */
    private static byte[] entry(final PortObjectZipInputStream in, final String name, final long limit)
        throws IOException {
        var entry = in.getNextEntry();
        if (entry == null || !name.equals(entry.getName())) {
            throw new IOException("The saved flow-matching model is damaged: expected " + name + ", found "
                + (entry == null ? "nothing" : entry.getName()) + ".");
        }
        var bytes = in.readNBytes((int)Math.min(Integer.MAX_VALUE - 8, limit + 1));
        if (bytes.length > limit) {
            throw new IOException("The saved flow-matching model is damaged or crafted: its " + name
                + " is larger than the " + (limit >> 20) + " MB a model can need; refused.");
        }
        return bytes;
    }

    /** Registered in plugin.xml. */
    public static final class Serializer extends AbstractPortObjectSerializer<FlowModelPortObject> {
    }
}
