package dev.flowmatch.nodes.metrics;

import org.knime.core.node.BufferedDataTable;

import org.knime.core.webui.node.impl.WebUINodeConfiguration;
import org.knime.core.webui.node.impl.WebUINodeFactory;

/** Distribution Metrics: generated vs reference molecules. */
public final class MetricsNodeFactory extends WebUINodeFactory<MetricsNodeModel> {

    static final WebUINodeConfiguration CONFIGURATION = WebUINodeConfiguration.builder()
        .name("Distribution Metrics")
        .icon("metrics.png")
        .shortDescription("Molecule stability by EDM's rule, connected validity, uniqueness, novelty,"
            + " bond-geometry and distribution distances of generated molecules.")
        .fullDescription("<p>Evaluates a set of generated molecules as generative-chemistry papers report them."
            + " For each rate, higher is better unless noted.</p><ul>"
            + "<li><b>Molecule stability (EDM)</b> and <b>Atom stability (EDM)</b>: the stability EDM, EquiFM and"
            + " GeoLDM report (82&#8211;89% for their QM9 models; 95% for QM9 itself), computed exactly by EDM's"
            + " rule: every pair of atoms gets a bond order from its distance alone with EDM's bond-length tables"
            + " (single below the tabulated length + 10 pm, double + 5 pm, triple + 3 pm), and an atom is stable"
            + " when its bond-order sum equals its element's valence (H 1, C 4, N 3, O 2, F 1; P 3 or 5). The"
            + " molecule's own bonds and charges are not read. Molecules the rule cannot judge (an element or pair"
            + " outside EDM's tables, no 3D coordinates, implicit hydrogens) are left out of both rates and"
            + " counted in <b>Molecules EDM's rule cannot judge</b>.</li>"
            + "<li><b>Connected validity</b>: share of molecules that are valid and one single piece.</li>"
            + "<li><b>Validity</b>: share whose largest fragment is a closed-shell molecule: no radicals, no"
            + " hypervalent C/N/O, aromatic rings kekulizable, CDK types every atom.</li>"
            + "<li><b>Valid &amp; unique</b>: share that is valid with a SMILES no other molecule of the set"
            + " had.</li>"
            + "<li><b>Uniqueness</b>: distinct SMILES among the valid molecules.</li>"
            + "<li><b>Novelty</b>: share of the distinct valid SMILES not in the reference table.</li>"
            + "<li><b>Connectivity</b>: share that is one piece; <b>Fragments per molecule</b>: mean number of"
            + " pieces (1 is best).</li>"
            + "<li><b>Molecule/atom stability (perceived bonds)</b>: valences checked on the molecule's perceived"
            + " bonds with the formal charges it carries (for the ODE Sampler's output: the charges the model"
            + " generated, never invented ones); the <b>neutral table</b> variants judge every atom by its"
            + " element's neutral valences. More lenient than EDM's rule, because perception picks the bond"
            + " orders that fit whatever the bond lengths: not comparable with the papers' figures.</li>"
            + "<li><b>IntDiv1/IntDiv2</b>: internal diversity, 1 − mean ECFP4 Tanimoto of all pairs.</li>"
            + "<li>With a reference: <b>Fréchet distance</b> and <b>RBF MMD²</b> on ECFP4 bits or a frozen"
            + " encoder's embeddings, <b>Tanimoto MMD²</b> (lower is better), <b>SNN</b>, <b>Frag</b> and"
            + " <b>Scaf</b> similarity (MOSES), and the KL divergence of descriptor distributions (GuacaMol; lower"
            + " is better) with its <b>KL score</b>.</li>"
            + "<li>With a 3D reference and the geometry checks on: <b>Bond length W1, heavy atoms (Å)</b> and"
            + " <b>Bond angle W1 (°)</b> (lower is better), the 1-Wasserstein distance between generated and"
            + " reference distributions of bond lengths per bond type (element pair and order, e.g. C-C, C=O, C-H)"
            + " and of bond angles per angle type (e.g. C-C-O), averaged with the reference's count of each type"
            + " as weight. The bond-length mean covers bonds between heavy atoms: bonds to hydrogen are nearly fixed"
            + " in length and would dilute it (they are listed in the Bond geometry table). <b>Bonds of types"
            + " absent from the reference</b> is the share of generated bonds left out of the means.</li>"
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
            + " Fragments, Stable (EDM) and Stable atoms (EDM) (missing where EDM's rule cannot judge the molecule),"
            + " Atoms, Stable (perceived bonds), Stable atoms (perceived bonds), Problem and the geometry checks.")
        .addOutputTable("Bond geometry", "With a 3D reference and the geometry checks on: one row per bond type"
            + " and angle type of either set: Kind (bond length in Å or bond angle in degrees), Type, Generated"
            + " count, Reference count, W1 and both means. Empty otherwise.")
        .addOutputTable("Bond length histograms", "Bonded distances per element pair (all bond orders) in bins of"
            + " 0.01 Å: Element pair, From (Å), To (Å), Generated and Reference counts, to plot the two"
            + " distributions over each other. Reference counts are 0 without a 3D reference; empty when the"
            + " geometry checks are off.")
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
