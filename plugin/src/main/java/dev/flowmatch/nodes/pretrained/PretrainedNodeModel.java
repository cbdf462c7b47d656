package dev.flowmatch.nodes.pretrained;

import java.io.IOException;

import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.webui.node.impl.WebUINodeConfiguration;
import org.knime.core.webui.node.impl.WebUINodeModel;

import dev.flowmatch.engine.pretrained.PretrainedModels;
import dev.flowmatch.nodes.port.FlowModelPortObject;

/** Puts a model shipped in the plugin on the flow-model port, byte for byte as shipped. */
final class PretrainedNodeModel extends WebUINodeModel<PretrainedNodeParameters> {

    PretrainedNodeModel(final WebUINodeConfiguration configuration) {
        super(configuration, PretrainedNodeParameters.class);
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] in, final PretrainedNodeParameters s)
        throws InvalidSettingsException {
        s.validate();
        // The spec comes from the model's weights, which start PyTorch: known after execution, as the learner's.
        return new PortObjectSpec[]{null};
    }

    @Override
    protected PortObject[] execute(final PortObject[] in, final ExecutionContext exec, final PretrainedNodeParameters s)
        throws Exception {
        s.validate();
        var model = PretrainedModels.get(s.m_model);
        try {
            return new PortObject[]{FlowModelPortObject.ofFile(PretrainedModels.bytes(model), "plugin:" + model.file())};
        } catch (IOException e) {
            throw new IOException("Pretrained model \"" + model.id() + "\": " + e.getMessage(), e);
        }
    }
}
