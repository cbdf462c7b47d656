package dev.flowmatch.nodes.learner;

import org.knime.core.webui.node.impl.WebUINodeConfiguration;
import org.knime.core.webui.node.impl.WebUINodeFactory;

import dev.flowmatch.nodes.port.FlowModelPortObject;

/** Flow Matching Learner: trains a velocity transformer over atoms, optionally with REPA. */
public final class LearnerNodeFactory extends WebUINodeFactory<LearnerNodeModel> {

    static final WebUINodeConfiguration CONFIGURATION = WebUINodeConfiguration.builder()
        .name("Flow Matching Learner")
        .icon("learner.png")
        .shortDescription("Trains a flow-matching model of 3D molecules, optionally with REPA.")
        .fullDescription("<p>Trains a velocity network — a transformer over atoms whose tokens are atom types and 3D"
            + " coordinates (non-equivariant, as TABASCO; bonds are rebuilt after generation) — with the conditional"
            + " flow-matching loss (Lipman et al.): for a molecule x1, noise x0 and a time t, the network at"
            + " x_t = α_t x1 + σ_t x0 learns the path's velocity (or the clean molecule). Atom types are learned as"
            + " continuous one-hot channels with a cross-entropy loss.</p>"
            + "<p><b>REPA</b> (Yu et al. 2024), when on, adds λ times an alignment loss between a projector MLP of"
            + " one block's hidden states and a frozen encoder's embedding of the clean molecule, optionally only"
            + " for t inside a window. The targets are computed by an encoder or read from a vector column (e.g."
            + " the output of <i>Frozen Encoder Embed</i>) and, by default, centred on their training mean.</p>"
            + "<p><b>Property conditioning</b>, when condition columns are chosen: the network also reads each"
            + " molecule's standardised property values (beside the time), and learns to generate molecules with the"
            + " values the <i>ODE Sampler</i> is given in its targets table. A share of the molecules (the condition"
            + " dropout) is shown without its values, so the same network learns the unconditional field that"
            + " classifier-free guidance contrasts with; rows without a value train that way too.</p>"
            + "<p><b>Fine-tuning</b>, when a model is connected to the optional <i>Start model</i> port (e.g. from"
            + " <i>Pretrained Flow Model</i>): training starts from its weights instead of random ones, so a few"
            + " epochs adapt it to the input molecules, or teach it property conditions it did not have (their map"
            + " starts at zero: before the first step the network is the start model for every target). The network,"
            + " atom vocabulary, hydrogens, coordinate scale, path and prediction target are then the start model's"
            + " (the Architecture and Path settings are not used); molecules with atom types outside its vocabulary"
            + " are skipped with a warning. A lower learning rate than from scratch (e.g. 5·10⁻⁴) keeps what it"
            + " knows. The output model's summary says what it was fine-tuned from.</p>"
            + "<p>Molecules without 3D coordinates get a conformer; unreadable molecules, molecules larger than"
            + " the maximum atom count and rows without a REPA target are skipped with a warning. The progress"
            + " bar shows epoch, loss and the remaining time; cancelling stops within one step.</p>")
        .modelSettingsClass(LearnerNodeParameters.class)
        .addInputTable("Molecules", "Training molecules (SDF, Mol, SMILES or string), optionally with a vector"
            + " column of REPA targets.")
        .addInputPort("Start model", FlowModelPortObject.TYPE_OPTIONAL, "Optional: a model to fine-tune (training"
            + " starts from its weights; see above).")
        .addOutputPort("Flow model", FlowModelPortObject.TYPE, "The trained model (EMA weights) with its"
            + " representation (atom vocabulary, maximum atoms, atom-count histogram), architecture, path and"
            + " training summary; saved with the workflow.")
        .addOutputTable("Training curve", "One row per epoch: Epoch, Step, Loss, Coordinate loss, Type loss, REPA"
            + " loss, Alignment cosine, Validation loss, Learning rate, Seconds (missing where not applicable).")
        .keywords("flow matching", "generative", "REPA", "transformer", "training")
        .build();

    public LearnerNodeFactory() {
        super(CONFIGURATION);
    }

    @Override
    public LearnerNodeModel createNodeModel() {
        return new LearnerNodeModel(CONFIGURATION);
    }
}
