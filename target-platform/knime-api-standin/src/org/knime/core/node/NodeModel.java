package org.knime.core.node;

import java.io.File;
import java.io.IOException;
import java.util.Arrays;
import java.util.stream.Stream;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;

/**
 * The logic of a node. KNIME calls configure with the input specs (no data) whenever inputs or settings
 * change, then execute with the data; settings come and go through NodeSettings.
 */
public abstract class NodeModel {

    private final PortType[] m_inTypes;

    private final PortType[] m_outTypes;

    private String m_warning;

    protected NodeModel(final int nrInDataPorts, final int nrOutDataPorts) {
        this(tablePorts(nrInDataPorts), tablePorts(nrOutDataPorts));
    }

    protected NodeModel(final PortType[] inPortTypes, final PortType[] outPortTypes) {
        m_inTypes = inPortTypes.clone();
        m_outTypes = outPortTypes.clone();
    }

    private static PortType[] tablePorts(final int n) {
        var r = new PortType[n];
        Arrays.fill(r, BufferedDataTable.TYPE);
        return r;
    }

    public final int getNrInPorts() {
        return m_inTypes.length;
    }

    public final int getNrOutPorts() {
        return m_outTypes.length;
    }

    final PortType[] inTypes() {
        return m_inTypes.clone();
    }

    final PortType[] outTypes() {
        return m_outTypes.clone();
    }

    protected PortObjectSpec[] configure(final PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        return configure(Stream.of(inSpecs).map(DataTableSpec.class::cast).toArray(DataTableSpec[]::new));
    }

    protected DataTableSpec[] configure(final DataTableSpec[] inSpecs) throws InvalidSettingsException {
        throw new IllegalStateException("configure() is not implemented by " + getClass().getName());
    }

    protected PortObject[] execute(final PortObject[] inObjects, final ExecutionContext exec) throws Exception {
        return execute(Stream.of(inObjects).map(BufferedDataTable.class::cast).toArray(BufferedDataTable[]::new),
            exec);
    }

    protected BufferedDataTable[] execute(final BufferedDataTable[] inData, final ExecutionContext exec)
        throws Exception {
        throw new IllegalStateException("execute() is not implemented by " + getClass().getName());
    }

    protected abstract void saveSettingsTo(NodeSettingsWO settings);

    protected abstract void validateSettings(NodeSettingsRO settings) throws InvalidSettingsException;

    protected abstract void loadValidatedSettingsFrom(NodeSettingsRO settings) throws InvalidSettingsException;

    protected abstract void reset();

    protected abstract void loadInternals(File nodeInternDir, ExecutionMonitor exec)
        throws IOException, CanceledExecutionException;

    protected abstract void saveInternals(File nodeInternDir, ExecutionMonitor exec)
        throws IOException, CanceledExecutionException;

    /** Shows a yellow warning sign on the node; null clears it. */
    protected final void setWarningMessage(final String warning) {
        m_warning = warning;
    }

    final String getWarningMessage() {
        return m_warning;
    }
}
