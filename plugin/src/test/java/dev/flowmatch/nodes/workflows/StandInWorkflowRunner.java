package dev.flowmatch.nodes.workflows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.StandInNodeDriver;
import org.knime.core.node.port.PortObject;

/**
 * Runs a committed workflow folder through the stand-in: reads workflow.knime and every node's
 * settings.xml, stands in for KNIME's Table Creator (a string table from its values) and executes our
 * nodes in dependency order along the connections, as KNIME's batch application would.
 */
final class StandInWorkflowRunner {

    /** What each node produced and warned. */
    record Run(Map<Integer, PortObject[]> outputs, Map<Integer, String> warnings, Map<Integer, String> names) {
    }

    private StandInWorkflowRunner() {
    }

    private static NodeSettingsRO read(final Path file) throws Exception {
        try (var in = Files.newInputStream(file)) {
            return NodeSettings.loadFromXML(in);
        }
    }

    static Run run(final Path dir) throws Exception {
        var wf = read(dir.resolve("workflow.knime"));
        var nodes = new LinkedHashMap<Integer, NodeSettingsRO>();
        var nodeConfigs = wf.getNodeSettings("nodes");
        for (var k : nodeConfigs.keySet()) {
            var n = nodeConfigs.getNodeSettings(k);
            nodes.put(n.getInt("id"), read(dir.resolve(n.getString("node_settings_file"))));
        }
        var inputs = new HashMap<Integer, Map<Integer, int[]>>(); // dest → destPort → [source, sourcePort]
        var conns = wf.getNodeSettings("connections");
        for (var k : conns.keySet()) {
            var c = conns.getNodeSettings(k);
            inputs.computeIfAbsent(c.getInt("destID"), x -> new HashMap<>()).put(c.getInt("destPort"),
                new int[]{c.getInt("sourceID"), c.getInt("sourcePort")});
        }
        var run = new Run(new HashMap<>(), new HashMap<>(), new HashMap<>());
        var pending = new ArrayList<>(nodes.keySet());
        while (!pending.isEmpty()) {
            Integer ready = null;
            for (var id : pending) {
                var in = inputs.getOrDefault(id, Map.of());
                if (in.values().stream().allMatch(src -> run.outputs().containsKey(src[0]))) {
                    ready = id;
                    break;
                }
            }
            if (ready == null) {
                throw new IllegalStateException(dir + ": the workflow has a cycle or a dangling connection.");
            }
            pending.remove(ready);
            var settings = nodes.get(ready);
            run.names().put(ready, settings.getString("node-name"));
            var factory = settings.getString("factory");
            if (factory.equals(TestWorkflows.TABLE_CREATOR)) {
                run.outputs().put(ready, new PortObject[]{tableCreator(settings.getNodeSettings("model"))});
                continue;
            }
            @SuppressWarnings("unchecked")
            var d = StandInNodeDriver.of(
                (NodeFactory<? extends NodeModel>)Class.forName(factory).getDeclaredConstructor().newInstance());
            d.loadSettings(settings.getNodeSettings("model"));
            var in = inputs.getOrDefault(ready, Map.of());
            int ports = d.getModel().getNrInPorts();
            var objects = new PortObject[ports];
            for (int p = 0; p < ports; p++) {
                var src = in.get(p + 1);
                objects[p] = src == null ? null : run.outputs().get(src[0])[src[1] - 1];
            }
            run.outputs().put(ready, d.execute(objects));
            run.warnings().put(ready, d.getWarningMessage());
        }
        return run;
    }

    /** Table Creator: one string column per column property, "" (its missing-value pattern) as missing. */
    private static BufferedDataTable tableCreator(final NodeSettingsRO s) throws Exception {
        int[] rows = s.getIntArray("rowIndices");
        String[] values = s.getStringArray("values");
        var name = s.getNodeSettings("columnProperties").getNodeSettings("0").getNodeSettings("ColumnSpecSettings")
            .getString("column_name");
        var spec = new DataTableSpec(new DataColumnSpecCreator(name, StringCell.TYPE).createSpec());
        var out = new ArrayList<DataRow>();
        for (int i = 0; i < rows.length; i++) {
            out.add(new DefaultRow("Row" + (s.getInt("rowIdStartValue") + rows[i]),
                values[i].isEmpty() ? DataType.getMissingCell() : new StringCell(values[i])));
        }
        return StandInNodeDriver.createTable(spec, out.toArray(DataRow[]::new));
    }

    static List<Path> workflows(final Path root) throws Exception {
        try (var s = Files.list(root)) {
            return s.filter(p -> Files.isRegularFile(p.resolve("workflow.knime"))).sorted().toList();
        }
    }
}
