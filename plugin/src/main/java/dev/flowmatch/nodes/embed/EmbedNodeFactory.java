package dev.flowmatch.nodes.embed;

import org.knime.core.webui.node.impl.WebUINodeConfiguration;
import org.knime.core.webui.node.impl.WebUINodeFactory;

/** Frozen Encoder Embed: molecules → embedding vectors from a frozen, pretrained encoder. */
public final class EmbedNodeFactory extends WebUINodeFactory<EmbedNodeModel> {

    static final WebUINodeConfiguration CONFIGURATION = WebUINodeConfiguration.builder()
        .name("Frozen Encoder Embed")
        .icon("embed.png")
        .shortDescription("Embeds molecules with a frozen, pretrained encoder.")
        .fullDescription("<p>Appends one vector per molecule computed by a frozen encoder: ECFP count fingerprints,"
            + " MACCS keys or standardized CDK descriptors (computed with CDK), the project's pretrained MPNN (2D"
            + " graph) or SchNet (3D) networks, or your own TorchScript model.</p>"
            + "<p>The vectors serve as REPA alignment targets for the <i>Flow Matching Learner</i> and as the"
            + " embedding space of the Fréchet distance in <i>Distribution Metrics</i>. Encoders are deterministic:"
            + " the same molecule always gives the same vector, independent of atom order and of how hydrogens are"
            + " written.</p><p>Rows whose molecule is missing, unreadable or cannot be encoded (e.g. no 3D"
            + " coordinates for SchNet) get a missing cell; the node warns with the first reasons.</p>")
        .modelSettingsClass(EmbedNodeParameters.class)
        .addInputTable("Molecules", "A table with a molecule column (SDF, Mol, SMILES or string).")
        .addOutputTable("Embedded molecules", "The input with the embedding appended as a list of doubles.")
        .keywords("embedding", "fingerprint", "encoder", "MPNN", "SchNet", "REPA")
        .build();

    public EmbedNodeFactory() {
        super(CONFIGURATION);
    }

    @Override
    public EmbedNodeModel createNodeModel() {
        return new EmbedNodeModel(CONFIGURATION);
    }
}
