package dev.flowmatch.nodes.pretrained;

import org.knime.core.webui.node.impl.WebUINodeConfiguration;
import org.knime.core.webui.node.impl.WebUINodeFactory;

import dev.flowmatch.nodes.port.FlowModelPortObject;

/** Pretrained Flow Model: a source node offering the flow models that ship with the extension. */
public final class PretrainedNodeFactory extends WebUINodeFactory<PretrainedNodeModel> {

    static final WebUINodeConfiguration CONFIGURATION = WebUINodeConfiguration.builder()
        .name("Pretrained Flow Model")
        .icon("pretrained.png")
        .shortDescription("A flow-matching model that ships with the extension, ready for the ODE Sampler.")
        .fullDescription("<p>Outputs one of the models trained by the project and shipped inside the extension"
            + " (no download), on the same port as the Flow Matching Learner's model, so the ODE Sampler samples"
            + " from it exactly as from a model trained in the workflow. Connected to the Flow Matching Learner's"
            + " <i>Start model</i> port it is fine-tuned: adapted to your molecules, or taught property conditions,"
            + " starting from its trained weights.</p>"
            + "<p>Each model comes with a model card: the data it was trained on, the recipe, the number of"
            + " training steps, the quality measured on held-out molecules (connected validity, molecule"
            + " stability and the other Distribution Metrics) and the sampler it was measured with; set the ODE"
            + " Sampler to that solver and step count to reproduce it. The model file is checked against its"
            + " recorded SHA-256 before it is used.</p>"
            + "<p>A model conditioned on properties (e.g. <i>QM9, conditioned on TPSA and logP</i>) generates molecules"
            + " with the values you ask for: connect a table with one row per wanted molecule and a column per"
            + " condition, named as the model's conditions, to the ODE Sampler's targets port. Its card says how"
            + " closely the molecules follow the targets (mean absolute error beside the no-information bound), so"
            + " you know what to expect per molecule; without a targets table it samples like an unconditional"
            + " model.</p>")
        .modelSettingsClass(PretrainedNodeParameters.class)
        .addOutputPort("Flow model", FlowModelPortObject.TYPE, "The shipped model, byte for byte as shipped.")
        .keywords("pretrained", "QM9", "generative model", "flow matching")
        .build();

    public PretrainedNodeFactory() {
        super(CONFIGURATION);
    }

    @Override
    public PretrainedNodeModel createNodeModel() {
        return new PretrainedNodeModel(CONFIGURATION);
    }
}
