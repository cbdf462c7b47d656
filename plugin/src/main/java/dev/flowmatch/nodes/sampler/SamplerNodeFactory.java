package dev.flowmatch.nodes.sampler;

import org.knime.core.webui.node.impl.WebUINodeConfiguration;
import org.knime.core.webui.node.impl.WebUINodeFactory;

import dev.flowmatch.nodes.port.FlowModelPortObject;

/** ODE Sampler: a flow model → new molecules in 3D. */
public final class SamplerNodeFactory extends WebUINodeFactory<SamplerNodeModel> {

    static final WebUINodeConfiguration CONFIGURATION = WebUINodeConfiguration.builder()
        .name("ODE Sampler")
        .icon("sampler.png")
        .shortDescription("Generates 3D molecules by integrating a learned flow from noise.")
        .fullDescription("<p>Draws an atom count for each molecule (from the training data's histogram, or fixed),"
            + " starts from Gaussian noise and integrates the model's velocity field from t = 0 to t = 1 with the"
            + " chosen ODE solver. Atom types are the arg-max of the type channels; bonds, bond orders and (for"
            + " models without hydrogens) hydrogen counts are perceived from the 3D geometry.</p>"
            + "<p>Atoms keep the formal charges of the atom types the model generated: bond perception finds"
            + " bond orders for those charges and never invents one. Each molecule is checked: <i>Valid</i>"
            + " means its largest fragment is a closed-shell molecule (every atom has an allowed valence for its"
            + " element and charge: no radicals, no hypervalent C, N or O; CDK can type every atom);"
            + " <i>Connected</i> means it is one piece (valid and connected is what papers call connected"
            + " validity); <i>Stable (EDM)</i> is the molecule stability the EDM paper and its successors report:"
            + " bond orders read from interatomic distances with EDM's bond-length tables, from the generated"
            + " elements and coordinates alone, and every atom's bond-order sum equal to its valence (H 1, C 4,"
            + " N 3, O 2, F 1); <i>Stable (perceived bonds)</i> checks the valences of the perceived bonds instead,"
            + " which is more lenient (perception chooses the orders that fit). Stable (EDM) is missing where EDM's"
            + " rule cannot judge a molecule (a model without hydrogens). Invalid molecules are kept, with"
            + " their SDF, so they can be inspected.</p>")
        .modelSettingsClass(SamplerNodeParameters.class)
        .addInputPort("Flow model", FlowModelPortObject.TYPE, "A model from the Flow Matching Learner.")
        .addInputPort("Targets", org.knime.core.node.BufferedDataTable.TYPE_OPTIONAL, "Optional, for a model"
            + " conditioned on properties: one row per molecule to generate, with the wanted values in columns named"
            + " as the model's conditions (the learner's condition columns). The molecule table then has one row"
            + " per target row (the number of molecules setting is not used) and repeats the targets in columns"
            + " \"NAME (target)\". Rows with a missing value are sampled without their targets, and values outside"
            + " the training range are named in the warning (extrapolation). With molecule sizes from the"
            + " training data, each row's atom count is drawn from p(N | targets), learnt by the learner from its"
            + " molecules (a size that fits the asked values: a high TPSA needs more atoms); rows with a missing"
            + " value draw from the histogram. A fixed count applies to every row."
            + " Not connected: a conditioned model samples its unconditional field.")
        .addOutputTable("Molecules", "One row per generated molecule: Molecule (SDF with 3D coordinates), SMILES"
            + " (missing when none can be written), Valid, Connected, Stable (EDM), Stable (perceived bonds),"
            + " Atoms, NFE (field evaluations per"
            + " molecule).")
        .addOutputTable("Trajectory", "When asked for: the first molecules' atom types and coordinates (Å, flat"
            + " x1 y1 z1 x2 …) at every solver time; empty otherwise.")
        .keywords("generation", "ODE", "flow matching", "sampling")
        .build();

    public SamplerNodeFactory() {
        super(CONFIGURATION);
    }

    @Override
    public SamplerNodeModel createNodeModel() {
        return new SamplerNodeModel(CONFIGURATION);
    }
}
