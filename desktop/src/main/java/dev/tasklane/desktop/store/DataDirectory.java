package dev.tasklane.desktop.store;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where this user's Tasklane data lives: the operating system's per-user data folder
 * ({@code $XDG_DATA_HOME/tasklane} or {@code ~/.local/share/tasklane} on Linux,
 * {@code %APPDATA%\Tasklane} on Windows, {@code ~/Library/Application Support/Tasklane} on macOS).
 * {@code TASKLANE_DATA_DIR} overrides it, for demos, tests and benchmarks.
 */
public final class DataDirectory {

    public static final String OVERRIDE_VARIABLE = "TASKLANE_DATA_DIR";

    private DataDirectory() {
    }

    /**
     * @param env     the process environment
     * @param osName  the {@code os.name} system property
     * @param home    the user's home folder
     */
    public static Path resolve(Map<String, String> env, String osName, Path home) {
        String override = env.get(OVERRIDE_VARIABLE);
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        return standard(env, osName, home);
    }

    /** The operating system's per-user data folder, whatever {@value #OVERRIDE_VARIABLE} says. */
    public static Path standard(Map<String, String> env, String osName, Path home) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String appData = env.get("APPDATA");
            Path base = appData != null && !appData.isBlank() ? Path.of(appData) : home.resolve("AppData").resolve("Roaming");
            return base.resolve("Tasklane");
        }
        if (os.contains("mac")) {
            return home.resolve("Library").resolve("Application Support").resolve("Tasklane");
        }
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local").resolve("share");
        return base.resolve("tasklane");
    }
}
