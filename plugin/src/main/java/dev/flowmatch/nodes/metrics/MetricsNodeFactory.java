package dev.flowmatch.nodes.metrics;

import org.knime.core.node.BufferedDataTable;

import org.knime.core.webui.node.impl.WebUINodeConfiguration;
import org.knime.core.webui.node.impl.WebUINodeFactory;

/** Distribution Metrics: generated vs reference molecules. */
public final class MetricsNodeFactory extends WebUINodeFactory<MetricsNodeModel> {

    static final WebUINodeConfiguration CONFIGURATION = WebUINodeConfiguration.builder()
        .name("Distribution Metrics")
        .icon("metrics.png")
        .shortDescription("Connected validity, stability, uniqueness, novelty and distribution distances of"
            + " generated molecules.")
        .fullDescription("<p>Evaluates a set of generated molecules as generative-chemistry papers report them."
            + " Stability uses the formal charges the molecules carry (for the ODE Sampler's output: the charges"
            + " the model generated), never charges invented to make valences fit. For each rate, higher is"
            + " better unless noted.</p><ul>"
            + "<li><b>Connected validity</b>: share of molecules that are valid and one single piece — the"
            + " headline number.</li>"
            + "<li><b>Molecule stability</b>: share of molecules in which every atom has an allowed valence for"
            + " its element and charge (EDM).</li>"
            + "<li><b>Atom stability</b>: share of all atoms with an allowed valence (EDM).</li>"
            + "<li><b>Validity</b>: share whose largest fragment is a closed-shell molecule: no radicals, no"
            + " hypervalent C/N/O, aromatic rings kekulizable, CDK types every atom.</li>"
            + "<li><b>Valid &amp; unique</b>: share that is valid with a SMILES no other molecule of the set"
            + " had.</li>"
            + "<li><b>Uniqueness</b>: distinct SMILES among the valid molecules.</li>"
            + "<li><b>Novelty</b>: share of the distinct valid SMILES not in the reference table.</li>"
            + "<li><b>Connectivity</b>: share that is one piece; <b>Fragments per molecule</b>: mean number of"
            + " pieces (1 is best).</li>"
            + "<li><b>Molecule/atom stability (neutral table)</b>: the same with every atom judged by its element's"
            + " neutral valences, the numbers EDM, EquiFM and GeoLDM report on QM9.</li>"
            + "<li><b>IntDiv1/IntDiv2</b>: internal diversity, 1 − mean ECFP4 Tanimoto of all pairs.</li>"
            + "<li>With a reference: <b>Fréchet distance</b> and <b>RBF MMD²</b> on ECFP4 bits or a frozen"
            + " encoder's embeddings, <b>Tanimoto MMD²</b> (lower is better), <b>SNN</b>, <b>Frag</b> and"
            + " <b>Scaf</b> similarity (MOSES), and the KL divergence of descriptor distributions (GuacaMol; lower"
            + " is better) with its <b>KL score</b>.</li>"
            + "<li>For molecules with 3D coordinates: bond lengths, bond angles, no clashes and flat aromatic"
            + " rings (PoseBusters tolerances), and <b>Geometry OK</b> when all pass.</li></ul>"
            + "<p>Missing and unreadable molecules are left out of the metrics (the checks table keeps their rows"
            + " with the reason) and the node warns.</p>")
        .modelSettingsClass(MetricsNodeParameters.class)
        .addInputTable("Generated molecules", "Molecules to evaluate (SDF, Mol, SMILES or string).")
        // KNIME 5.8 has no addOptionalInputTable (5.10+): an optional table is a port of the optional table type
        .addInputPort("Reference molecules", BufferedDataTable.TYPE_OPTIONAL,
            "Molecules to compare with, e.g. the training or test set.")
        .addOutputTable("Metrics", "One row with every metric (missing where undefined).")
        .addOutputTable("Checks", "One row per generated molecule: SMILES (largest fragment), Valid, Connected,"
            + " Fragments, Stable atoms, Atoms, Stable, Problem and the geometry checks.")
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
