package dev.tasklane.desktop.service.preferences;

import dev.tasklane.desktop.store.PreferenceStore;
import java.util.Optional;

/** Remembers the window's size and position and the chosen theme between runs. */
public final class WindowPreferences {

    /** Window bounds in screen coordinates. */
    public record Bounds(double x, double y, double width, double height, boolean maximized) {
    }

    private static final String BOUNDS = "window.bounds";
    private static final String DARK = "theme.dark";

    private final PreferenceStore store;

    public WindowPreferences(PreferenceStore store) {
        this.store = store;
    }

    public Optional<Bounds> bounds() {
        return store.get(BOUNDS).flatMap(text -> {
            String[] parts = text.split(";");
            try {
                return Optional.of(new Bounds(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]),
                        Double.parseDouble(parts[2]), Double.parseDouble(parts[3]), Boolean.parseBoolean(parts[4])));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        });
    }

    public void saveBounds(Bounds bounds) {
        store.put(BOUNDS, bounds.x() + ";" + bounds.y() + ";" + bounds.width() + ";" + bounds.height() + ";" + bounds.maximized());
    }

    /** The theme the user picked with Ctrl+T; empty while the app follows the system's light/dark setting. */
    public Optional<Boolean> chosenDarkTheme() {
        return store.get(DARK).map(Boolean::parseBoolean);
    }

    public boolean darkTheme() {
        return store.get(DARK).map(Boolean::parseBoolean).orElse(false);
    }

    public void saveDarkTheme(boolean dark) {
        store.put(DARK, Boolean.toString(dark));
    }
}
