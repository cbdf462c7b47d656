package dev.flowmatch.nodes.common;

import java.util.Locale;

import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;

import ai.djl.Device;
import dev.flowmatch.engine.compute.TorchRuntime;

/** Setting checks whose messages name the setting as the dialog shows it. */
public final class Checks {

    private Checks() {
    }

    public static void check(final boolean ok, final String setting, final String problem)
        throws InvalidSettingsException {
        if (!ok) {
            throw new InvalidSettingsException("Setting \"" + setting + "\": " + problem + ".");
        }
    }

    public static void positive(final double value, final String setting) throws InvalidSettingsException {
        check(value > 0 && Double.isFinite(value), setting, "must be a finite number > 0, is " + value);
    }

    /** @throws InvalidSettingsException for an unknown device name (GPU presence is checked at execution) */
    public static void deviceName(final String device, final String setting) throws InvalidSettingsException {
        var d = device == null ? "" : device.trim().toLowerCase(Locale.ROOT);
        check(d.equals("auto") || d.equals("cpu") || d.matches("gpu(:\\d+)?"), setting,
            "\"" + device + "\" is not a device; use auto, cpu, gpu or gpu:N");
    }

    /** @return the compute device, with the setting named when it is not there */
    public static Device device(final String device, final String setting) throws InvalidSettingsException {
        try {
            return TorchRuntime.device(device);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException("Setting \"" + setting + "\": " + e.getMessage(), e);
        }
    }

    /** @return true once the user pressed the node's cancel button (for work that cannot throw KNIME's exception) */
    public static java.util.function.BooleanSupplier cancelled(final ExecutionMonitor exec) {
        return () -> {
            try {
                exec.checkCanceled();
                return false;
            } catch (CanceledExecutionException e) {
                return true;
            }
        };
    }
}
