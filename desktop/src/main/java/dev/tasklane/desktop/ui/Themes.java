package dev.tasklane.desktop.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.tasklane.desktop.service.preferences.WindowPreferences;
import javafx.application.Application;
import javafx.application.ColorScheme;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.css.PseudoClass;
import javafx.scene.Scene;
import javafx.scene.control.DialogPane;

/**
 * The look: AtlantaFX's Primer theme (light or dark) as the user-agent stylesheet, so every
 * control and every dialog is themed, plus {@code tasklane.css} for the app's own parts, which
 * takes its colours from the theme's looked-up colours ({@code -color-fg-muted}, …) and so
 * follows light and dark by itself.
 */
public final class Themes {

    private static final PseudoClass DARK = PseudoClass.getPseudoClass("dark");

    private Themes() {
    }

    /**
     * Applies the light or dark theme. The user-agent stylesheet is application-wide: dialogs
     * opened later (help, sign-in, errors) get the same theme.
     */
    public static void apply(Scene scene, boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
        scene.getStylesheets().setAll(stylesheet());
        if (scene.getRoot() != null) {
            scene.getRoot().pseudoClassStateChanged(DARK, dark);
        }
    }

    /** Styles a dialog's pane like the main window (the theme itself reaches it as user-agent stylesheet). */
    public static void style(DialogPane pane) {
        pane.getStylesheets().setAll(stylesheet());
    }

    /** Whether the operating system asks for dark colours (JavaFX reads the desktop's preference). */
    public static boolean systemPrefersDark() {
        try {
            return Platform.getPreferences().getColorScheme() == ColorScheme.DARK;
        } catch (IllegalStateException | UnsupportedOperationException e) {
            return false; // no platform preferences (a headless toolkit): light
        }
    }

    private static String stylesheet() {
        return Themes.class.getResource("tasklane.css").toExternalForm();
    }

    /**
     * Light or dark as the system says, live, until the user picks one (remembered in
     * {@code preferences}).
     *
     * @param darkTheme the main view model's theme flag, kept in step with the scene
     * @return flips the theme and remembers the choice (Ctrl+T)
     */
    public static Runnable follow(Scene scene, BooleanProperty darkTheme, WindowPreferences preferences) {
        darkTheme.set(preferences.chosenDarkTheme().orElseGet(Themes::systemPrefersDark));
        apply(scene, darkTheme.get());
        darkTheme.addListener((obs, old, dark) -> apply(scene, dark));
        Platform.getPreferences().colorSchemeProperty().addListener((obs, old, scheme) -> {
            if (preferences.chosenDarkTheme().isEmpty()) {
                darkTheme.set(scheme == ColorScheme.DARK);
            }
        });
        return () -> {
            preferences.saveDarkTheme(!darkTheme.get());
            darkTheme.set(!darkTheme.get());
        };
    }
}
