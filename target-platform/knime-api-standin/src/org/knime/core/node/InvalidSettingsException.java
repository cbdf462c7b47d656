package org.knime.core.node;

/** Settings or input specs that the node cannot work with; the message is shown to the user. */
public class InvalidSettingsException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidSettingsException(final String message) {
        super(message);
    }

    public InvalidSettingsException(final String message, final Throwable cause) {
        super(message, cause);
    }

    public InvalidSettingsException(final Throwable cause) {
        super(cause);
    }
}
