package dev.tasklane.desktop.store;

/** A store operation failed after the store was open (disk full, I/O error). Nothing was half-written. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
