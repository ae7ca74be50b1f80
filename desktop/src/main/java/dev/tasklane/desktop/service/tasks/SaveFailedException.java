package dev.tasklane.desktop.service.tasks;

/**
 * A change could not be saved on this computer (disk full, I/O error). The transaction rolled
 * back: nothing was half-written and the previous state stands.
 */
public final class SaveFailedException extends RuntimeException {
    public SaveFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
