package org.knime.core.node;

import java.util.function.BooleanSupplier;

import org.knime.core.data.DataTableSpec;

/** The execution monitor a node gets in execute: progress, cancel, and factories for output tables. */
public class ExecutionContext extends ExecutionMonitor {

    ExecutionContext(final ProgressSink sink, final BooleanSupplier canceled, final double offset,
        final double scale, final boolean silent) {
        super(sink, canceled, offset, scale, silent);
    }

    public BufferedDataContainer createDataContainer(final DataTableSpec spec) {
        return new BufferedDataContainer(spec);
    }

    public ExecutionContext createSubExecutionContext(final double fraction) {
        return new ExecutionContext(sink(), canceled(), subOffset(), scale() * fraction, silent());
    }

    public ExecutionContext createSilentSubExecutionContext(final double fraction) {
        return new ExecutionContext(sink(), canceled(), subOffset(), scale() * fraction, true);
    }
}
