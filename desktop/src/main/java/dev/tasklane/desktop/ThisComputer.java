package dev.tasklane.desktop;

import dev.tasklane.desktop.store.DataDirectory;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the app learns from the computer it runs on, read in one place so the object graph
 * ({@link DesktopContext#appServices}) takes it as plain values.
 *
 * @param hostName              this computer's name, for the device name other devices show
 * @param dataDirectory         the data folder in use
 * @param standardDataDirectory the operating system's per-user data folder (a second profile differs)
 * @param osName                {@code os.name}, which picks the notification back-end
 * @param forcedNotifier        {@code TASKLANE_NOTIFIER} ("" when unset): a back-end chosen by hand
 */
public record ThisComputer(String hostName, Path dataDirectory, Path standardDataDirectory, String osName,
                           String forcedNotifier) {

    /** Reads the host name, environment and system properties of this process. */
    public static ThisComputer read(Path dataDirectory) {
        Map<String, String> environment = System.getenv();
        String osName = System.getProperty("os.name");
        return new ThisComputer(lookUpHostName(), dataDirectory,
                DataDirectory.standard(environment, osName, Path.of(System.getProperty("user.home"))), osName,
                Optional.ofNullable(environment.get("TASKLANE_NOTIFIER")).orElse(""));
    }

    private static String lookUpHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "this computer";
        }
    }
}
