package dev.tasklane.desktop.service.transfer;

/**
 * A file that cannot be imported at all (not the format it claims, unreadable, too large). The
 * message is a sentence for the user; nothing was imported.
 */
public final class ImportFileException extends Exception {

    public ImportFileException(String message) {
        super(message);
    }

    public ImportFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
