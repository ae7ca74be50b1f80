package dev.tasklane.desktop;

import javafx.application.Application;

/**
 * The main class. It is not itself an {@link Application}, so the app starts from the class
 * path without the JavaFX launcher's module check.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        Application.launch(TasklaneApp.class, args);
    }
}
