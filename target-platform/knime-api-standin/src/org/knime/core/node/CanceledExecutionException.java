package org.knime.core.node;

/** Thrown by {@link ExecutionMonitor#checkCanceled()} once the user cancelled the node. */
public class CanceledExecutionException extends Exception {

    private static final long serialVersionUID = 1L;

    public CanceledExecutionException() {
        super("Execution canceled");
    }

    public CanceledExecutionException(final String message) {
        super(message);
    }
}
