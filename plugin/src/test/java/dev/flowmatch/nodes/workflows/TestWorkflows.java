package dev.flowmatch.nodes.workflows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.StandInNodeDriver;

import dev.flowmatch.nodes.NodeTables;
import dev.flowmatch.nodes.embed.EmbedNodeFactory;
import dev.flowmatch.nodes.learner.LearnerNodeFactory;
import dev.flowmatch.nodes.metrics.MetricsNodeFactory;
import dev.flowmatch.nodes.path.PathNodeFactory;
import dev.flowmatch.nodes.sampler.SamplerNodeFactory;

/**
 * Writes the workflows of {@code test-workflows/} in KNIME's workflow format: workflow.knime (nodes,
 * positions, connections) and one settings.xml per node, our nodes' "model" settings taken from the node
 * models themselves. Run {@link #main} after changing a node's settings; {@code WorkflowSettingsTest} fails
 * until the committed files match the code.
 */
public final class TestWorkflows {

    static final String TABLE_CREATOR = "org.knime.base.node.io.tablecreator.TableCreator2NodeFactory";

    /** A node of a workflow: id, name shown, factory, and the "model" settings. */
    record Node(int id, String name, String factory, NodeSettings model, int x, int y) {
        String folder() {
            return name + " (#" + id + ")";
        }
    }

    /** An edge: data ports counted from 1 as in workflow.knime (port 0 is the flow-variable port). */
    record Connection(int source, int sourcePort, int dest, int destPort) {
    }

    record Workflow(String folder, List<Node> nodes, List<Connection> connections) {
    }

    private TestWorkflows() {
    }

    /** @return our node's current settings with the given edits (path "group/key" → value) */
    static NodeSettings settings(final NodeFactory<? extends NodeModel> factory, final Object... edits)
        throws Exception {
        var d = StandInNodeDriver.of(factory);
        for (int i = 0; i < edits.length; i += 2) {
            NodeTables.set(d, (String)edits[i], edits[i + 1]);
        }
        return d.saveSettings();
    }

    static List<Workflow> all() throws Exception {
        var out = new ArrayList<Workflow>();
        var tiny = new Object[]{"m_architecture/m_width", 64, "m_architecture/m_depth", 2, "m_architecture/m_heads", 4,
            "m_optimizer/m_epochs", 30, "m_optimizer/m_batchSize", 16, "m_optimizer/m_emaDecay", 0.9};
        // 1: the whole chain on the small molecule set
        out.add(new Workflow("01-full-chain", List.of(
            new Node(1, "Table Creator", TABLE_CREATOR, smilesTable(NodeTables.SMALL), 50, 150),
            new Node(2, "Build Probability Path", PathNodeFactory.class.getName(),
                settings(new PathNodeFactory(), "m_inputColumn", "SMILES", "m_samplesPerMolecule", 2), 250, 50),
            new Node(3, "Frozen Encoder Embed", EmbedNodeFactory.class.getName(),
                settings(new EmbedNodeFactory(), "m_moleculeColumn", "SMILES"), 250, 150),
            new Node(4, "Flow Matching Learner", LearnerNodeFactory.class.getName(), settings(new LearnerNodeFactory(),
                concat(tiny, "m_moleculeColumn", "SMILES", "m_repa/m_enabled", true, "m_repa/m_targets", "COLUMN",
                    "m_repa/m_targetColumn", "MPNN embedding", "m_repa/m_tMin", 0.5)), 450, 150),
            new Node(5, "ODE Sampler", SamplerNodeFactory.class.getName(),
                settings(new SamplerNodeFactory(), "m_molecules", 50), 650, 150),
            new Node(6, "Distribution Metrics", MetricsNodeFactory.class.getName(), settings(new MetricsNodeFactory(),
                "m_generatedColumn", "Molecule", "m_referenceColumn", "SMILES"), 850, 150)),
            List.of(new Connection(1, 1, 2, 1), new Connection(1, 1, 3, 1), new Connection(3, 1, 4, 1),
                new Connection(4, 1, 5, 1), new Connection(5, 1, 6, 1), new Connection(1, 1, 6, 2))));
        // 2: REPA off vs on, same data, same seed
        out.add(new Workflow("02-repa-on-vs-off", List.of(
            new Node(1, "Table Creator", TABLE_CREATOR, smilesTable(NodeTables.SMALL), 50, 150),
            new Node(2, "Flow Matching Learner", LearnerNodeFactory.class.getName(),
                settings(new LearnerNodeFactory(), concat(tiny, "m_moleculeColumn", "SMILES")), 250, 50),
            new Node(3, "Flow Matching Learner", LearnerNodeFactory.class.getName(), settings(new LearnerNodeFactory(),
                concat(tiny, "m_moleculeColumn", "SMILES", "m_repa/m_enabled", true, "m_repa/m_encoder/m_kind",
                    "SCHNET")), 250, 250),
            new Node(4, "ODE Sampler", SamplerNodeFactory.class.getName(), settings(new SamplerNodeFactory()), 450, 50),
            new Node(5, "ODE Sampler", SamplerNodeFactory.class.getName(), settings(new SamplerNodeFactory()), 450,
                250),
            new Node(6, "Distribution Metrics", MetricsNodeFactory.class.getName(), settings(new MetricsNodeFactory(),
                "m_generatedColumn", "Molecule", "m_referenceColumn", "SMILES"), 650, 50),
            new Node(7, "Distribution Metrics", MetricsNodeFactory.class.getName(), settings(new MetricsNodeFactory(),
                "m_generatedColumn", "Molecule", "m_referenceColumn", "SMILES"), 650, 250)),
            List.of(new Connection(1, 1, 2, 1), new Connection(1, 1, 3, 1), new Connection(2, 1, 4, 1),
                new Connection(3, 1, 5, 1), new Connection(4, 1, 6, 1), new Connection(5, 1, 7, 1),
                new Connection(1, 1, 6, 2), new Connection(1, 1, 7, 2))));
        // 3: bad input for every node: a missing cell, an unparsable SMILES, a molecule above the maximum size
        var bad = new ArrayList<>(NodeTables.SMALL);
        bad.addAll(List.of("", "C1CC(", "CCCCCCCCCCCCCCCC"));
        out.add(new Workflow("03-bad-inputs", List.of(
            new Node(1, "Table Creator", TABLE_CREATOR, smilesTable(bad), 50, 150),
            new Node(2, "Build Probability Path", PathNodeFactory.class.getName(),
                settings(new PathNodeFactory(), "m_inputColumn", "SMILES"), 250, 50),
            new Node(3, "Frozen Encoder Embed", EmbedNodeFactory.class.getName(),
                settings(new EmbedNodeFactory(), "m_moleculeColumn", "SMILES"), 250, 150),
            new Node(4, "Flow Matching Learner", LearnerNodeFactory.class.getName(), settings(new LearnerNodeFactory(),
                concat(tiny, "m_moleculeColumn", "SMILES", "m_representation/m_maxAtoms", 29)), 250, 250),
            new Node(5, "Distribution Metrics", MetricsNodeFactory.class.getName(),
                settings(new MetricsNodeFactory(), "m_generatedColumn", "SMILES"), 250, 350)),
            List.of(new Connection(1, 1, 2, 1), new Connection(1, 1, 3, 1), new Connection(1, 1, 4, 1),
                new Connection(1, 1, 5, 1))));
        return out;
    }

    private static Object[] concat(final Object[] a, final Object... b) {
        var out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /**
     * KNIME's Table Creator with one string column "SMILES" (an empty value becomes a missing cell). Written
     * after TableCreator2NodeSettings in KNIME's sources; not checked against a KNIME installation here.
     */
    static NodeSettings smilesTable(final List<String> smiles) {
        var s = new NodeSettings("model");
        var rows = new int[smiles.size()];
        var cols = new int[smiles.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        s.addIntArray("rowIndices", rows);
        s.addIntArray("columnIndices", cols);
        s.addStringArray("values", smiles.toArray(String[]::new));
        s.addString("rowIdPrefix", "Row");
        s.addString("rowIdSuffix", "");
        s.addInt("rowIdStartValue", 0);
        s.addBoolean("highlightOutputTable", false);
        var col = s.addNodeSettings("columnProperties").addNodeSettings("0");
        var spec = col.addNodeSettings("ColumnSpecSettings");
        spec.addString("column_name", "SMILES");
        spec.addNodeSettings("column_type").addString("cell_class", "org.knime.core.data.def.StringCell");
        spec.addNodeSettings("column_domain");
        spec.addNodeSettings("column_properties");
        col.addString("MissValuePattern", "");
        col.addBoolean("ReadPossValsFromFile", false);
        col.addBoolean("ReadBoundsFromFile", false);
        col.addBoolean("SkipThisColumn", false);
        col.addBoolean("UserSettings", true);
        return s;
    }

    static void write(final Path root, final Workflow w) throws IOException {
        var dir = root.resolve(w.folder());
        Files.createDirectories(dir);
        var wf = new NodeSettings("workflow.knime");
        wf.addString("created_by", "5.8.0");
        wf.addBoolean("created_by_nightly", false);
        wf.addString("version", "5.1.0");
        wf.addString("name", null);
        wf.addString("customDescription", null);
        wf.addString("state", "IDLE");
        wf.addNodeSettings("workflow_credentials");
        var nodes = wf.addNodeSettings("nodes");
        for (var n : w.nodes()) {
            var c = nodes.addNodeSettings("node_" + n.id());
            c.addInt("id", n.id());
            c.addString("node_settings_file", n.folder() + "/settings.xml");
            c.addBoolean("node_is_meta", false);
            c.addString("node_type", "NativeNode");
            c.addString("ui_classname", "org.knime.core.node.workflow.NodeUIInformation");
            c.addNodeSettings("ui_settings").addIntArray("extrainfo.node.bounds", n.x(), n.y(), 75, 80);
            writeNode(dir.resolve(n.folder()), n);
        }
        var conns = wf.addNodeSettings("connections");
        int i = 0;
        for (var c : w.connections()) {
            var e = conns.addNodeSettings("connection_" + i++);
            e.addInt("sourceID", c.source());
            e.addInt("destID", c.dest());
            e.addInt("sourcePort", c.sourcePort());
            e.addInt("destPort", c.destPort());
        }
        save(wf, dir.resolve("workflow.knime"));
    }

    private static void writeNode(final Path dir, final Node n) throws IOException {
        Files.createDirectories(dir);
        var s = new NodeSettings("settings.xml");
        s.addString("node_file", "settings.xml");
        s.addNodeSettings("flow_stack");
        s.addNodeSettings("internal_node_subsettings").addString("memory_policy", "CacheSmallInMemory");
        n.model().copyTo(s.addNodeSettings("model"));
        s.addString("customDescription", null);
        s.addString("state", "IDLE");
        s.addString("factory", n.factory());
        s.addString("node-name", n.name());
        boolean ours = n.factory().startsWith("dev.flowmatch.");
        s.addString("node-bundle-name", ours ? "Flow Matching for KNIME" : "KNIME Base Nodes");
        s.addString("node-bundle-symbolic-name", ours ? "dev.flowmatch.knime" : "org.knime.base");
        s.addString("node-bundle-vendor", ours ? "Flow Matching for KNIME" : "KNIME AG, Zurich, Switzerland");
        s.addString("node-bundle-version", ours ? "0.1.0" : "5.8.0");
        s.addNodeSettings("factory_settings");
        s.addString("name", n.name());
        s.addBoolean("hasContent", false);
        s.addBoolean("isInactive", false);
        s.addNodeSettings("ports");
        var fs = s.addNodeSettings("filestores");
        fs.addString("file_store_location", null);
        fs.addString("file_store_id", null);
        save(s, dir.resolve("settings.xml"));
    }

    private static void save(final NodeSettings s, final Path file) throws IOException {
        try (var out = Files.newOutputStream(file)) {
            s.saveToXML(out);
        }
    }

    /** Writes the workflows into {@code test-workflows/} (argument: the project directory). */
    public static void main(final String[] args) throws Exception {
        var root = Path.of(args.length > 0 ? args[0] : ".").resolve("test-workflows");
        for (var w : all()) {
            write(root, w);
        }
    }
}
