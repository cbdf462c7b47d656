package org.knime.core.node;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;

/**
 * Stand-in only, not part of KNIME: drives one NodeModel the way KNIME's workflow manager does (settings
 * validate then load, configure, execute with progress and cancel) so node tests run without KNIME. It
 * also enforces KNIME's contracts that a test should catch: port counts and types, and that execute
 * returns exactly the specs that configure promised.
 */
public final class StandInNodeDriver<M extends NodeModel> {

    /** One progress report: overall fraction (NaN if only the message changed) and message (may be null). */
    public record Progress(double fraction, String message) {
    }

    private final M m_model;

    private final AtomicBoolean m_canceled = new AtomicBoolean();

    private final List<Progress> m_progress = new CopyOnWriteArrayList<>();

    private volatile Consumer<Progress> m_listener = p -> {
    };

    public StandInNodeDriver(final M model) {
        m_model = Objects.requireNonNull(model);
    }

    /** Creates the model the way KNIME does: from the registered factory. */
    public static <T extends NodeModel> StandInNodeDriver<T> of(final NodeFactory<T> factory) {
        factory.init();
        return new StandInNodeDriver<>(factory.createNodeModel());
    }

    public M getModel() {
        return m_model;
    }

    /** @return the model's current settings, as KNIME would save them into settings.xml under "model" */
    public NodeSettings saveSettings() {
        var s = new NodeSettings("model");
        m_model.saveSettingsTo(s);
        return s;
    }

    /** Validates, then loads, as KNIME does when settings change (dialog OK, flow variables, workflow load). */
    public void loadSettings(final NodeSettingsRO settings) throws InvalidSettingsException {
        m_model.validateSettings(settings);
        m_model.loadValidatedSettingsFrom(settings);
        m_model.reset();
    }

    public PortObjectSpec[] configure(final PortObjectSpec... inSpecs) throws InvalidSettingsException {
        var inTypes = m_model.inTypes();
        if (inSpecs.length != inTypes.length) {
            throw new IllegalArgumentException(
                "Node has " + inTypes.length + " input ports, got " + inSpecs.length + " specs.");
        }
        m_model.setWarningMessage(null);
        var out = m_model.configure(inSpecs.clone());
        if (out == null || out.length != m_model.getNrOutPorts()) {
            throw new IllegalStateException("configure() must return one spec per output port ("
                + m_model.getNrOutPorts() + "), returned " + (out == null ? "null" : out.length));
        }
        return out;
    }

    /** Configures with the inputs' specs, then executes; fails if outputs break configure's promise. */
    public PortObject[] execute(final PortObject... inObjects) throws Exception {
        var inTypes = m_model.inTypes();
        var specs = new PortObjectSpec[inObjects.length];
        for (int i = 0; i < inObjects.length && i < inTypes.length; i++) {
            checkPort("input", i, inTypes[i], inObjects[i]);
            specs[i] = inObjects[i] == null ? null : inObjects[i].getSpec();
        }
        var promised = configure(specs);
        var exec = new ExecutionContext(this::report, m_canceled::get, 0, 1, false);
        var out = m_model.execute(inObjects.clone(), exec);
        var outTypes = m_model.outTypes();
        if (out == null || out.length != outTypes.length) {
            throw new IllegalStateException("execute() must return one object per output port.");
        }
        for (int i = 0; i < out.length; i++) {
            checkPort("output", i, outTypes[i], out[i]);
            if (out[i] != null && promised[i] instanceof DataTableSpec promisedSpec
                && !promisedSpec.equalStructure((DataTableSpec)out[i].getSpec())) {
                throw new IllegalStateException("Output " + i + ": execute() returned spec " + out[i].getSpec()
                    + " but configure() promised " + promisedSpec + ".");
            }
        }
        return out;
    }

    private static void checkPort(final String side, final int i, final PortType type, final PortObject o) {
        if (o == null) {
            if (!type.isOptional()) {
                throw new IllegalArgumentException("The " + side + " port " + i + " (" + type + ") is null.");
            }
        } else if (!type.acceptsPortObjectClass(o.getClass())) {
            throw new IllegalArgumentException(
                "The " + side + " port " + i + " expects " + type + ", got " + o.getClass().getName() + ".");
        }
    }

    private void report(final double fraction, final String message) {
        var p = new Progress(fraction, message);
        m_progress.add(p);
        m_listener.accept(p);
    }

    /** Requests cancellation, as the user's cancel button does; the node sees it at checkCanceled(). */
    public void cancel() {
        m_canceled.set(true);
    }

    /** Called synchronously on every progress report, e.g. to cancel at a certain point. */
    public void onProgress(final Consumer<Progress> listener) {
        m_listener = Objects.requireNonNull(listener);
    }

    public List<Progress> getProgress() {
        return List.copyOf(m_progress);
    }

    /** @return the warning the node set during the last configure or execute, or null */
    public String getWarningMessage() {
        return m_model.getWarningMessage();
    }

    /** Builds an input table for a test, through the same container checks that node outputs get. */
    public static BufferedDataTable createTable(final DataTableSpec spec, final DataRow... rows) {
        var c = new BufferedDataContainer(spec);
        for (var r : rows) {
            c.addRowToTable(r);
        }
        c.close();
        return c.getTable();
    }
}
