package dev.tasklane.desktop;

import dev.tasklane.desktop.store.DataDirectory;
import java.nio.file.Path;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The main class. It starts opening the local store, then JavaFX, and hands the first stage to
 * {@link TasklaneApp}; the store and the toolkit start side by side on two cores. Not an
 * {@code Application}, so the app starts from the class path without the launcher's module check.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        StartupProbe probe = StartupProbe.fromSystemProperties();
        HeapFootprint.returnUnusedHeap();
        Path directory = DataDirectory.resolve(System.getenv(), System.getProperty("os.name"), Path.of(System.getProperty("user.home")));
        var store = StoreOpening.start(directory);
        Platform.startup(() -> new TasklaneApp(probe, directory, store).start(new Stage()));
    }
}
