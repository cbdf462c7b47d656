package org.knime.core.webui.node.impl;

import java.io.File;
import java.util.Optional;
import java.util.stream.Stream;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;
import org.knime.node.parameters.NodeParameters;

/**
 * NodeModel whose settings are one {@link NodeParameters} object, persisted field by field. Subclasses
 * implement the configure/execute variants that take the parameters.
 */
public abstract class WebUINodeModel<S extends NodeParameters> extends NodeModel {

    private final Class<S> m_settingsClass;

    private final PortType[] m_inTypes;

    private final PortType[] m_outTypes;

    private S m_settings;

    protected WebUINodeModel(final WebUINodeConfiguration configuration, final Class<S> modelSettingsClass) {
        this(configuration.getInputPortTypes(), configuration.getOutputPortTypes(), modelSettingsClass);
    }

    protected WebUINodeModel(final PortType[] inputPortTypes, final PortType[] outputPortTypes,
        final Class<S> modelSettingsClass) {
        super(inputPortTypes, outputPortTypes);
        m_inTypes = inputPortTypes.clone();
        m_outTypes = outputPortTypes.clone();
        m_settingsClass = modelSettingsClass;
    }

    /** @return the loaded settings; empty before the first configure or load */
    protected final Optional<S> getSettings() {
        return Optional.ofNullable(m_settings);
    }

    @Override
    protected final PortObjectSpec[] configure(final PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        if (m_settings == null) {
            m_settings = ParametersPersistence.create(m_settingsClass,
                new ParametersInputImpl(m_inTypes, m_outTypes, inSpecs));
        }
        return configure(inSpecs, m_settings);
    }

    @Override
    protected final DataTableSpec[] configure(final DataTableSpec[] inSpecs) throws InvalidSettingsException {
        return Stream.of(configure((PortObjectSpec[])inSpecs)).map(DataTableSpec.class::cast)
            .toArray(DataTableSpec[]::new);
    }

    protected PortObjectSpec[] configure(final PortObjectSpec[] inSpecs, final S modelSettings)
        throws InvalidSettingsException {
        return configure(Stream.of(inSpecs).map(DataTableSpec.class::cast).toArray(DataTableSpec[]::new),
            modelSettings);
    }

    protected DataTableSpec[] configure(final DataTableSpec[] inSpecs, final S modelSettings)
        throws InvalidSettingsException {
        throw new IllegalStateException("configure() is not implemented by " + getClass().getName());
    }

    @Override
    protected PortObject[] execute(final PortObject[] inObjects, final ExecutionContext exec) throws Exception {
        return execute(inObjects, exec, m_settings);
    }

    @Override
    protected BufferedDataTable[] execute(final BufferedDataTable[] inData, final ExecutionContext exec)
        throws Exception {
        return execute(inData, exec, m_settings);
    }

    protected PortObject[] execute(final PortObject[] inObjects, final ExecutionContext exec, final S modelSettings)
        throws Exception {
        return execute(Stream.of(inObjects).map(BufferedDataTable.class::cast).toArray(BufferedDataTable[]::new),
            exec, modelSettings);
    }

    protected BufferedDataTable[] execute(final BufferedDataTable[] inData, final ExecutionContext exec,
        final S modelSettings) throws Exception {
        throw new IllegalStateException("execute() is not implemented by " + getClass().getName());
    }

    @Override
    protected final void saveSettingsTo(final NodeSettingsWO settings) {
        var s = m_settings != null ? m_settings : ParametersPersistence.create(m_settingsClass, null);
        ParametersPersistence.save(s, settings);
    }

    @Override
    protected final void validateSettings(final NodeSettingsRO settings) throws InvalidSettingsException {
        validateSettings(ParametersPersistence.load(settings, m_settingsClass));
    }

    /** Hook to reject loaded settings before they replace the current ones. */
    protected void validateSettings(final S settings) throws InvalidSettingsException {
        // nothing by default
    }

    @Override
    protected final void loadValidatedSettingsFrom(final NodeSettingsRO settings) throws InvalidSettingsException {
        m_settings = ParametersPersistence.load(settings, m_settingsClass);
    }

    @Override
    protected void reset() {
        // nothing by default
    }

    @Override
    protected void loadInternals(final File nodeInternDir, final ExecutionMonitor exec) {
        // nothing by default
    }

    @Override
    protected void saveInternals(final File nodeInternDir, final ExecutionMonitor exec) {
        // nothing by default
    }
}
