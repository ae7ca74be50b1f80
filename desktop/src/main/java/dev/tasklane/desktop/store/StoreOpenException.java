package dev.tasklane.desktop.store;

import java.nio.file.Path;

/** The local store could not be opened; the subtype says why and what the user can do. */
public sealed class StoreOpenException extends Exception permits StoreOpenException.Locked, StoreOpenException.Corrupt {

    private final Path dataDirectory;

    StoreOpenException(String message, Path dataDirectory, Throwable cause) {
        super(message, cause);
        this.dataDirectory = dataDirectory;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Another Tasklane process holds this data folder. Nothing is wrong with the data. */
    public static final class Locked extends StoreOpenException {
        Locked(Path dataDirectory, Throwable cause) {
            super("Tasklane is already running with the data folder " + dataDirectory
                    + ". Switch to the open window, or close it first.", dataDirectory, cause);
        }
    }

    /** The database file exists but cannot be read. It is never deleted without the user's say. */
    public static final class Corrupt extends StoreOpenException {
        Corrupt(Path dataDirectory, Throwable cause) {
            super("The task store in " + dataDirectory + " could not be read (" + rootMessage(cause) + ").",
                    dataDirectory, cause);
        }

        private static String rootMessage(Throwable cause) {
            Throwable root = cause;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
            return message.lines().findFirst().orElse(message);
        }
    }
}
