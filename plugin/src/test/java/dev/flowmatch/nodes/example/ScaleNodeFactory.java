package dev.flowmatch.nodes.example;

import org.knime.core.webui.node.impl.WebUINodeConfiguration;
import org.knime.core.webui.node.impl.WebUINodeFactory;

/** Test-only example node, laid out like our real nodes: factory, model, parameters. */
public final class ScaleNodeFactory extends WebUINodeFactory<ScaleNodeModel> {

    static final WebUINodeConfiguration CONFIGURATION = WebUINodeConfiguration.builder()
        .name("Scale Column (example)")
        .icon("example.png")
        .shortDescription("Multiplies a numeric column by a factor.")
        .fullDescription("<p>Appends a column holding the chosen column times a factor.</p>")
        .modelSettingsClass(ScaleNodeParameters.class)
        .addInputTable("Table", "Any table with a numeric column.")
        .addOutputTable("Scaled table", "The input with the scaled column appended.")
        .build();

    public ScaleNodeFactory() {
        super(CONFIGURATION);
    }

    @Override
    public ScaleNodeModel createNodeModel() {
        return new ScaleNodeModel(CONFIGURATION);
    }
}
