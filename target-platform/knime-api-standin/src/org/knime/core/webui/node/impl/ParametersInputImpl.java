package org.knime.core.webui.node.impl;

import java.util.Optional;
import java.util.stream.Stream;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;
import org.knime.node.parameters.NodeParametersInput;

/** The ports and input specs of a node, for creating its default parameters. */
record ParametersInputImpl(PortType[] inTypes, PortType[] outTypes, PortObjectSpec[] inSpecs)
    implements NodeParametersInput {

    @Override
    public PortType[] getInPortTypes() {
        return inTypes.clone();
    }

    @Override
    public PortObjectSpec[] getInPortSpecs() {
        return inSpecs.clone();
    }

    @Override
    public Optional<PortObjectSpec> getInPortSpec(final int portIndex) {
        return Optional.ofNullable(inSpecs[portIndex]);
    }

    @Override
    public DataTableSpec[] getInTableSpecs() {
        // null where a port is not a table or not connected, as in KNIME
        return Stream.of(inSpecs).map(s -> s instanceof DataTableSpec t ? t : null).toArray(DataTableSpec[]::new);
    }

    @Override
    public Optional<DataTableSpec> getInTableSpec(final int portIndex) {
        return inSpecs[portIndex] instanceof DataTableSpec t ? Optional.of(t) : Optional.empty();
    }

    @Override
    public PortType[] getOutPortTypes() {
        return outTypes.clone();
    }
}
