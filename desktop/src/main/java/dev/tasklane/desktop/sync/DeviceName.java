package dev.tasklane.desktop.sync;

import java.nio.file.Path;

/**
 * The name this device gives itself when it signs in ("Tasklane on laptop"), which other devices show
 * in the conflicts inbox and the history. A second profile on the same computer (its own data folder,
 * {@code TASKLANE_DATA_DIR}) adds the folder's name, so the two are told apart.
 */
public final class DeviceName {

    private DeviceName() {
    }

    /**
     * @param host             this computer's name
     * @param dataDirectory    the data folder in use
     * @param defaultDirectory the operating system's per-user data folder
     */
    public static String of(String host, Path dataDirectory, Path defaultDirectory) {
        String name = "Tasklane on " + host;
        if (dataDirectory.toAbsolutePath().normalize().equals(defaultDirectory.toAbsolutePath().normalize())) {
            return name;
        }
        Path folder = dataDirectory.toAbsolutePath().normalize().getFileName();
        return folder == null ? name : name + " (" + folder + ")";
    }
}
