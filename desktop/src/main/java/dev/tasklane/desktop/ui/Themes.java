package dev.tasklane.desktop.ui;

import javafx.scene.Scene;

/** Light and dark themes: one base stylesheet plus a palette. */
public final class Themes {

    private Themes() {
    }

    public static void apply(Scene scene, boolean dark) {
        scene.getStylesheets().setAll(
                Themes.class.getResource("tasklane.css").toExternalForm(),
                Themes.class.getResource(dark ? "dark.css" : "light.css").toExternalForm());
    }
}
