package org.knime.node.parameters;

import java.util.Optional;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;

/** What is known when default parameters are created for a new node: its ports and input specs. */
public interface NodeParametersInput {

    PortType[] getInPortTypes();

    PortObjectSpec[] getInPortSpecs();

    Optional<PortObjectSpec> getInPortSpec(int portIndex);

    DataTableSpec[] getInTableSpecs();

    Optional<DataTableSpec> getInTableSpec(int portIndex);

    PortType[] getOutPortTypes();
}
