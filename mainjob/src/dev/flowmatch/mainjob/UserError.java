package dev.flowmatch.mainjob;

/**
 * A mistake the user can fix (a flag, an input file, the output folder, the device): the main job prints its
 * message as one sentence and exits with status 2, without a stack trace (unless --debug).
 */
final class UserError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UserError(final String message) {
        super(message);
    }

    UserError(final String message, final Throwable cause) {
        super(message, cause);
    }
}
