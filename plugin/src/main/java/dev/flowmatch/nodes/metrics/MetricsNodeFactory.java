package dev.flowmatch.nodes.metrics;

import org.knime.core.webui.node.impl.WebUINodeConfiguration;
import org.knime.core.webui.node.impl.WebUINodeFactory;

/** Distribution Metrics: generated vs reference molecules. */
public final class MetricsNodeFactory extends WebUINodeFactory<MetricsNodeModel> {

    static final WebUINodeConfiguration CONFIGURATION = WebUINodeConfiguration.builder()
        .name("Distribution Metrics")
        .icon("metrics.png")
        .shortDescription("Validity, uniqueness, novelty, stability and distribution distances of generated"
            + " molecules.")
        .fullDescription("<p>Evaluates a set of generated molecules on its own — validity (CDK valence and"
            + " aromaticity perception), connectivity, uniqueness and internal diversity (IntDiv1/2), atom and"
            + " molecule stability (EDM) and, for molecules with 3D coordinates, geometry checks (bond lengths,"
            + " angles, clashes, flat aromatic rings) — and, with a reference table, against it: novelty, Fréchet"
            + " distance and RBF MMD² on ECFP4 bits or a frozen encoder's embeddings, Tanimoto MMD², SNN,"
            + " fragment and scaffold similarity (MOSES), and the KL divergence of descriptor distributions"
            + " (GuacaMol) with its score.</p>"
            + "<p>Missing and unreadable molecules are left out of the metrics (the checks table keeps their rows"
            + " with the reason) and the node warns.</p>")
        .modelSettingsClass(MetricsNodeParameters.class)
        .addInputTable("Generated molecules", "Molecules to evaluate (SDF, Mol, SMILES or string).")
        .addOptionalInputTable("Reference molecules", "Molecules to compare with, e.g. the training or test set.")
        .addOutputTable("Metrics", "One row with every metric (missing where undefined).")
        .addOutputTable("Checks", "One row per generated molecule: SMILES, Valid, Connected, Stable atoms, Atoms,"
            + " Stable, Problem and the geometry checks.")
        .keywords("MOSES", "GuacaMol", "FCD", "validity", "novelty", "evaluation")
        .build();

    public MetricsNodeFactory() {
        super(CONFIGURATION);
    }

    @Override
    public MetricsNodeModel createNodeModel() {
        return new MetricsNodeModel(CONFIGURATION);
    }
}
