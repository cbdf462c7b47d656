package dev.flowmatch.nodes.workflows;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import org.knime.base.node.io.tablecreator.TableCreator2NodeFactory;
import org.knime.base.node.io.tablecreator.TableCreator2NodeSettings;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.def.StringCell;
import org.knime.base.node.io.filereader.ColProperty;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.workflow.NodeID;
import org.knime.core.node.workflow.NodeUIInformation;
import org.knime.core.node.workflow.WorkflowCreationHelper;
import org.knime.core.node.workflow.WorkflowManager;
import org.knime.core.node.workflow.WorkflowPersistor;
import org.knime.core.node.workflow.contextv2.WorkflowContextV2;
import org.knime.core.util.FileUtil;

import dev.flowmatch.nodes.NodeTables;
import dev.flowmatch.nodes.embed.EmbedNodeFactory;
import dev.flowmatch.nodes.learner.LearnerNodeFactory;
import dev.flowmatch.nodes.metrics.MetricsNodeFactory;
import dev.flowmatch.nodes.path.PathNodeFactory;
import dev.flowmatch.nodes.pretrained.PretrainedNodeFactory;
import dev.flowmatch.nodes.sampler.SamplerNodeFactory;

/**
 * The workflows of {@code test-workflows/}, built in a real WorkflowManager (KNIME's Table Creator feeding our
 * nodes) and saved by KNIME itself, so the committed files are exactly what KNIME 5.8 writes and reads. Write
 * them again after changing a node's settings: {@code WorkflowsTest} fails until they match the code.
 */
final class TestWorkflows {

    /** The tiny learner of the test workflows: these check plumbing, the engine's tests check learning. */
    private static final Object[] TINY = {"architecture/width", 64, "architecture/depth", 2, "architecture/heads", 4,
        "optimizer/epochs", 30, "optimizer/batchSize", 16, "optimizer/emaDecay", 0.9};

    static final List<String> NAMES = List.of("01-full-chain", "02-repa-on-vs-off", "03-bad-inputs",
        "04-conditional", "05-fine-tune");

    /** The conditioned property of 04: polar atoms (N and O) per molecule, counted from the SMILES. */
    static double polarAtoms(final String smiles) {
        return smiles.chars().filter(c -> c == 'N' || c == 'O' || c == 'n' || c == 'o').count();
    }

    private TestWorkflows() {
    }

    /** A new, empty project in a temporary folder; remove it with WorkflowManager.ROOT.removeProject. */
    static WorkflowManager project(final String name) throws Exception {
        File dir = FileUtil.createTempDir(name);
        Files.createFile(dir.toPath().resolve(WorkflowPersistor.WORKFLOW_FILE));
        return WorkflowManager.ROOT.createAndAddProject(name,
            new WorkflowCreationHelper(WorkflowContextV2.forTemporaryWorkflow(dir.toPath(), null)));
    }

    /** Builds the named workflow into a new project (nodes, settings, connections; not executed). */
    static WorkflowManager build(final String name) throws Exception {
        var wfm = project(name);
        switch (name) {
            case "01-full-chain" -> {
                var table = tableCreator(wfm, NodeTables.SMALL, 50, 150);
                var path = add(wfm, new PathNodeFactory(), 250, 50, "inputColumn", "SMILES", "samplesPerMolecule", 2);
                var embed = add(wfm, new EmbedNodeFactory(), 250, 150, "moleculeColumn", "SMILES");
                var learner = add(wfm, new LearnerNodeFactory(), 450, 150, concat(TINY, "moleculeColumn", "SMILES",
                    "repa/enabled", true, "repa/targets", "COLUMN", "repa/targetColumn", "MPNN embedding",
                    "repa/tMin", 0.5));
                var sampler = add(wfm, new SamplerNodeFactory(), 650, 150, "molecules", 50);
                var metrics = add(wfm, new MetricsNodeFactory(), 850, 150, "generatedColumn", "Molecule",
                    "referenceColumn", "SMILES");
                connect(wfm, table, path, embed, learner, sampler, metrics);
            }
            case "02-repa-on-vs-off" -> {
                var table = tableCreator(wfm, NodeTables.SMALL, 50, 150);
                var off = add(wfm, new LearnerNodeFactory(), 250, 50, concat(TINY, "moleculeColumn", "SMILES"));
                // REPA on with the learner's REPA defaults: the setting the REPA study supports
                var on = add(wfm, new LearnerNodeFactory(), 250, 250, concat(TINY, "moleculeColumn", "SMILES",
                    "repa/enabled", true));
                for (var learner : List.of(off, on)) {
                    wfm.addConnection(table, 1, learner, 1);
                    var sampler = add(wfm, new SamplerNodeFactory(), 450, learner == off ? 50 : 250);
                    var metrics = add(wfm, new MetricsNodeFactory(), 650, learner == off ? 50 : 250,
                        "generatedColumn", "Molecule", "referenceColumn", "SMILES");
                    wfm.addConnection(learner, 1, sampler, 1);
                    wfm.addConnection(sampler, 1, metrics, 1);
                    wfm.addConnection(table, 1, metrics, 2);
                }
            }
            case "03-bad-inputs" -> {
                // a missing cell, an unparsable SMILES and a molecule above the learner's maximum size
                var bad = new ArrayList<>(NodeTables.SMALL);
                bad.addAll(List.of("", "C1CC(", "CCCCCCCCCCCCCCCC"));
                var table = tableCreator(wfm, bad, 50, 150);
                var path = add(wfm, new PathNodeFactory(), 250, 50, "inputColumn", "SMILES");
                var embed = add(wfm, new EmbedNodeFactory(), 250, 150, "moleculeColumn", "SMILES");
                var learner = add(wfm, new LearnerNodeFactory(), 250, 250, concat(TINY, "moleculeColumn", "SMILES",
                    "representation/maxAtoms", 29));
                var metrics = add(wfm, new MetricsNodeFactory(), 250, 350, "generatedColumn", "SMILES");
                for (var n : List.of(path, embed, learner, metrics)) {
                    wfm.addConnection(table, 1, n, 1);
                }
            }
            case "04-conditional" -> {
                // training molecules with a property column; a second table asks for values of it
                var rows = NodeTables.SMALL.stream().map(smi -> new String[] {smi,
                    Double.toString(polarAtoms(smi))}).toArray(String[][]::new);
                var table = tableCreator(wfm, new String[] {"SMILES", "Polar atoms"}, new org.knime.core.data.DataType[]
                    {StringCell.TYPE, org.knime.core.data.def.DoubleCell.TYPE}, rows, 50, 150);
                var wanted = new String[8][];
                for (int i = 0; i < wanted.length; i++) {
                    wanted[i] = new String[] {Integer.toString(i % 4)};
                }
                var targets = tableCreator(wfm, new String[] {"Polar atoms"}, new org.knime.core.data.DataType[]
                    {org.knime.core.data.def.DoubleCell.TYPE}, wanted, 250, 300);
                var learner = add(wfm, new LearnerNodeFactory(), 250, 150, concat(TINY, "moleculeColumn", "SMILES",
                    "conditioning/columns/manualFilter/manuallySelected", new String[] {"Polar atoms"}));
                wfm.addConnection(table, 1, learner, 1);
                var sampler = sampleAndMeasure(wfm, learner, table, "guidance", 1.0);
                wfm.addConnection(targets, 1, sampler, 2);
            }
            case "05-fine-tune" -> {
                // the shipped QM9 model adapted to the user's molecules: its weights are the learner's start
                var table = tableCreator(wfm, NodeTables.SMALL, 50, 150);
                var pretrained = add(wfm, new PretrainedNodeFactory(), 50, 300, "model", "qm9-h");
                var learner = add(wfm, new LearnerNodeFactory(), 250, 150, "moleculeColumn", "SMILES",
                    "optimizer/epochs", 2, "optimizer/batchSize", 16, "optimizer/learningRate", 5e-4, "device", "cpu");
                wfm.addConnection(table, 1, learner, 1);
                wfm.addConnection(pretrained, 1, learner, 2);
                sampleAndMeasure(wfm, learner, table, "molecules", 20);
            }
            default -> throw new IllegalArgumentException("No test workflow " + name);
        }
        return wfm;
    }

    /** Adds an ODE Sampler (settings edited) and Distribution Metrics after a learner; returns the sampler. */
    private static NodeID sampleAndMeasure(final WorkflowManager wfm, final NodeID learner, final NodeID table,
        final Object... samplerEdits) throws Exception {
        var sampler = add(wfm, new SamplerNodeFactory(), 450, 150, samplerEdits);
        var metrics = add(wfm, new MetricsNodeFactory(), 650, 150, "generatedColumn", "Molecule",
            "referenceColumn", "SMILES");
        wfm.addConnection(learner, 1, sampler, 1);
        wfm.addConnection(sampler, 1, metrics, 1);
        wfm.addConnection(table, 1, metrics, 2);
        return sampler;
    }

    /** Connects the full chain: table → path, table → embed → learner → sampler → metrics ← table. */
    private static void connect(final WorkflowManager wfm, final NodeID table, final NodeID path, final NodeID embed,
        final NodeID learner, final NodeID sampler, final NodeID metrics) {
        wfm.addConnection(table, 1, path, 1);
        wfm.addConnection(table, 1, embed, 1);
        wfm.addConnection(embed, 1, learner, 1);
        wfm.addConnection(learner, 1, sampler, 1);
        wfm.addConnection(sampler, 1, metrics, 1);
        wfm.addConnection(table, 1, metrics, 2);
    }

    /** KNIME's Table Creator with one string column "SMILES"; an empty value is a missing cell. */
    static NodeID tableCreator(final WorkflowManager wfm, final List<String> smiles, final int x, final int y)
        throws Exception {
        return tableCreator(wfm, new String[] {"SMILES"}, new org.knime.core.data.DataType[] {StringCell.TYPE},
            smiles.stream().map(s -> new String[] {s}).toArray(String[][]::new), x, y);
    }

    /** KNIME's Table Creator with the given columns and rows of values as typed in its dialog ("" is missing). */
    static NodeID tableCreator(final WorkflowManager wfm, final String[] names,
        final org.knime.core.data.DataType[] types, final String[][] values, final int x, final int y)
        throws Exception {
        var id = wfm.createAndAddNode(new TableCreator2NodeFactory());
        place(wfm, id, x, y);
        var props = new TreeMap<Integer, ColProperty>();
        for (int c = 0; c < names.length; c++) {
            var col = new ColProperty();
            col.setColumnSpec(new DataColumnSpecCreator(names[c], types[c]).createSpec());
            col.setMissingValuePattern("");
            col.setUserSettings(true);
            props.put(c, col);
        }
        var settings = new TableCreator2NodeSettings();
        settings.setColumnProperties(props);
        int n = values.length * names.length;
        var rows = new int[n];
        var cols = new int[n];
        var cells = new String[n];
        for (int r = 0, k = 0; r < values.length; r++) {
            for (int c = 0; c < names.length; c++, k++) {
                rows[k] = r;
                cols[k] = c;
                cells[k] = values[r][c];
            }
        }
        settings.setRowIndices(rows);
        settings.setColumnIndices(cols);
        settings.setValues(cells);
        var ns = wfm.getNodeContainer(id).getNodeSettings();
        settings.saveSettings(ns.addNodeSettings("model"));
        wfm.loadNodeSettings(id, ns);
        return id;
    }

    /** Adds one of our nodes with its settings edited (path "group/key" → value), as a user would in the dialog. */
    static NodeID add(final WorkflowManager wfm, final NodeFactory<? extends NodeModel> factory, final int x,
        final int y, final Object... edits) throws Exception {
        var id = wfm.createAndAddNode(factory);
        place(wfm, id, x, y);
        var ns = wfm.getNodeContainer(id).getNodeSettings();
        for (int i = 0; i < edits.length; i += 2) {
            NodeTables.edit(ns.getNodeSettings("model"), (String)edits[i], edits[i + 1]);
        }
        wfm.loadNodeSettings(id, ns);
        return id;
    }

    private static void place(final WorkflowManager wfm, final NodeID id, final int x, final int y) {
        wfm.getNodeContainer(id).setUIInformation(NodeUIInformation.builder().setNodeLocation(x, y, 75, 80).build());
    }

    private static Object[] concat(final Object[] a, final Object... b) {
        var out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** @return the folder KNIME saves a node in, inside its workflow's folder: "name (#index)" */
    static String folder(final org.knime.core.node.workflow.NodeContainer nc) {
        return nc.getName() + " (#" + nc.getID().getIndex() + ")";
    }

    /** @return the "model" settings of a node's settings.xml in a workflow folder */
    static NodeSettings modelSettings(final Path settingsXml) throws Exception {
        try (var in = Files.newInputStream(settingsXml)) {
            return (NodeSettings)NodeSettings.loadFromXML(in).getNodeSettings("model");
        }
    }
}
