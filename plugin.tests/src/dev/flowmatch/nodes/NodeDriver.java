package dev.flowmatch.nodes;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.DefaultNodeProgressMonitor;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.Node;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;
import org.knime.core.node.workflow.SingleNodeContainer.MemoryPolicy;
import org.knime.core.data.container.DataContainer;
import org.knime.core.data.filestore.internal.NotInWorkflowDataRepository;

/**
 * Drives one of our nodes through KNIME's own {@link Node}, as a node's unit test: real settings persistence
 * (Node.saveModelSettingsTo / validate / load), real configure and execute of the node model with a real
 * {@link ExecutionContext} (tables, progress, cancellation), and the node model's own warnings. Exceptions of
 * configure and execute reach the test as thrown, so a test can tell a user's mistake (InvalidSettingsException)
 * from a crash. Whole workflows run in a real WorkflowManager in the workflow tests.
 */
public final class NodeDriver<M extends NodeModel> {

    /** One progress report: fraction done (NaN if unknown) and message. */
    public record Progress(double fraction, String message) {
    }

    private final Node m_node;

    private final M m_model;

    private final DefaultNodeProgressMonitor m_monitor = new DefaultNodeProgressMonitor();

    private final List<Progress> m_progress = new ArrayList<>();

    private Consumer<Progress> m_listener = p -> {
    };

    private String m_warning;

    @SuppressWarnings({"unchecked", "rawtypes"})
    private NodeDriver(final NodeFactory<M> factory) {
        if (factory.isLazilyInitialized()) {
            factory.init();
        }
        m_node = new Node((NodeFactory<NodeModel>)(NodeFactory)factory);
        m_model = (M)m_node.getNodeModel();
        m_model.addWarningListener(w -> m_warning = w == null ? null : w.getSummary());
        m_monitor.addProgressListener(e -> {
            var p = new Progress(e.getNodeProgress().hasProgress() ? e.getNodeProgress().getProgress() : Double.NaN,
                e.getNodeProgress().getMessage());
            m_progress.add(p);
            m_listener.accept(p);
        });
    }

    public static <T extends NodeModel> NodeDriver<T> of(final NodeFactory<T> factory) {
        return new NodeDriver<>(factory);
    }

    public M getModel() {
        return m_model;
    }

    public Node getNode() {
        return m_node;
    }

    /** @return the node's model settings as KNIME saves them (settings.xml's "model" branch) */
    public NodeSettings saveSettings() {
        var s = new NodeSettings("model");
        m_node.saveModelSettingsTo(s);
        return s;
    }

    /** Validates and loads model settings as KNIME does when a dialog is applied or a workflow is loaded. */
    public void loadSettings(final NodeSettingsRO settings) throws InvalidSettingsException {
        m_node.validateModelSettings(settings);
        m_node.loadModelSettingsFrom(settings);
    }

    /** Configures the node model with the given input specs (null for an unconnected optional port). */
    public PortObjectSpec[] configure(final PortObjectSpec... given) throws InvalidSettingsException {
        int n = m_node.getNrInPorts() - 1; // port 0 is the flow-variable port
        var inSpecs = unconnectedOptionalPorts(given);
        if (inSpecs.length != n) {
            throw new IllegalArgumentException("Node has " + n + " input ports, got " + inSpecs.length + " specs.");
        }
        var out = m_node.invokeNodeModelConfigure(inSpecs.clone());
        if (out == null || out.length != m_node.getNrOutPorts() - 1) {
            throw new IllegalStateException("configure() must return one spec per output port.");
        }
        return out;
    }

    /** Configures with the inputs' specs, then executes the node model; outputs must keep configure's promise. */
    public PortObject[] execute(final PortObject... given) throws Exception {
        var inObjects = unconnectedOptionalPorts(given);
        var specs = new PortObjectSpec[inObjects.length];
        for (int i = 0; i < inObjects.length; i++) {
            check("input", i, m_node.getInputType(i + 1), inObjects[i]);
            specs[i] = inObjects[i] == null ? null : inObjects[i].getSpec();
        }
        var promised = configure(specs);
        var exec = new ExecutionContext(m_monitor, m_node, MemoryPolicy.CacheSmallInMemory,
            NotInWorkflowDataRepository.newInstance());
        var out = m_node.invokeNodeModelExecute(exec, inObjects.clone());
        if (out == null || out.length != promised.length) {
            throw new IllegalStateException("execute() must return one object per output port.");
        }
        for (int i = 0; i < out.length; i++) {
            check("output", i, m_node.getOutputType(i + 1), out[i]);
            if (out[i] != null && promised[i] instanceof DataTableSpec p
                && !p.equalStructure((DataTableSpec)out[i].getSpec())) {
                throw new IllegalStateException("Output " + i + ": execute() returned spec " + out[i].getSpec()
                    + " but configure() promised " + p + ".");
            }
        }
        return out;
    }

    /** @return the given inputs, followed by nulls for the trailing optional ports left unconnected */
    private <T> T[] unconnectedOptionalPorts(final T[] given) {
        int n = m_node.getNrInPorts() - 1;
        if (given.length >= n) {
            return given;
        }
        for (int i = given.length; i < n; i++) {
            if (!m_node.getInputType(i + 1).isOptional()) {
                return given; // a required port is missing: the caller's mistake, reported by the check
            }
        }
        return java.util.Arrays.copyOf(given, n);
    }

    private static void check(final String side, final int i, final PortType type, final PortObject o) {
        if (o == null) {
            if (!type.isOptional()) {
                throw new IllegalArgumentException("The " + side + " port " + i + " (" + type + ") is null.");
            }
        } else if (!type.acceptsPortObjectClass(o.getClass())) {
            throw new IllegalArgumentException(
                "The " + side + " port " + i + " expects " + type + ", got " + o.getClass().getName() + ".");
        }
    }

    /** Requests cancellation, as the user's cancel button does; the node sees it at checkCanceled(). */
    public void cancel() {
        m_monitor.setExecuteCanceled();
    }

    /** Called on every progress report, e.g. to cancel at a certain point. */
    public void onProgress(final Consumer<Progress> listener) {
        m_listener = Objects.requireNonNull(listener);
    }

    public List<Progress> getProgress() {
        return List.copyOf(m_progress);
    }

    /** @return the warning the node model set during the last configure or execute, or null */
    public String getWarningMessage() {
        return m_warning;
    }

    /** Builds an input table for a test in KNIME's own table store. */
    public static BufferedDataTable createTable(final DataTableSpec spec, final DataRow... rows) {
        var container = new DataContainer(spec);
        for (var r : rows) {
            container.addRowToTable(r);
        }
        container.close();
        var exec = new ExecutionContext(new DefaultNodeProgressMonitor(), TableHost.NODE, MemoryPolicy.CacheSmallInMemory,
            NotInWorkflowDataRepository.newInstance());
        try {
            return exec.createBufferedDataTable(container.getTable(), exec);
        } catch (org.knime.core.node.CanceledExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The node that owns tables built by {@link #createTable}: any real node will do. */
    private static final class TableHost {
        @SuppressWarnings({"unchecked", "rawtypes"})
        static final Node NODE = new Node((NodeFactory<NodeModel>)(NodeFactory)new dev.flowmatch.nodes.pretrained
            .PretrainedNodeFactory());
    }
}
