package dev.flowmatch.nodes.path;

import org.knime.core.webui.node.impl.WebUINodeConfiguration;
import org.knime.core.webui.node.impl.WebUINodeFactory;

/** Build Probability Path: molecules or vectors → samples on a probability path. */
public final class PathNodeFactory extends WebUINodeFactory<PathNodeModel> {

    static final WebUINodeConfiguration CONFIGURATION = WebUINodeConfiguration.builder()
        .name("Build Probability Path")
        .icon("path.png")
        .shortDescription("Samples points of a flow-matching probability path for molecules or vectors.")
        .fullDescription("<p>For each input molecule (its 3D coordinates, centred, as the learner sees them) or"
            + " vector x1, draws noise x0, pairs it with the data by the chosen coupling, draws a time t from the"
            + " time sampler and outputs the point x_t = α_t x1 + σ_t x0 of the affine path with its target velocity"
            + " dx_t/dt = α'_t x1 + σ'_t x0 — exactly the regression targets of conditional flow matching"
            + " (Lipman et al.). Molecule noise is scaled to the data's RMS coordinate, so all vectors are in Å.</p>"
            + "<p>For 2-D vector input, the node can also output the exact marginal velocity field of the data on a"
            + " grid, the field a perfect network would learn.</p>"
            + "<p>Rows with a missing, unreadable or inconsistent value get no sample and are named in the"
            + " warning.</p>")
        .modelSettingsClass(PathNodeParameters.class)
        .addInputTable("Data", "Molecules (SDF, Mol, SMILES or string) or a vector column (list of numbers).")
        .addOutputTable("Path samples", "Per sample: Source row, t, x0, x_t, Target (flat lists: x1 y1 z1 x2 … for"
            + " molecules) and, for molecules, the Atom types in the same order.")
        .addOutputTable("Marginal field", "For 2-D vectors when asked for: t, x, y and the marginal velocity (u, v)"
            + " on a grid; empty otherwise.")
        .keywords("flow matching", "probability path", "optimal transport", "teaching")
        .build();

    public PathNodeFactory() {
        super(CONFIGURATION);
    }

    @Override
    public PathNodeModel createNodeModel() {
        return new PathNodeModel(CONFIGURATION);
    }
}
