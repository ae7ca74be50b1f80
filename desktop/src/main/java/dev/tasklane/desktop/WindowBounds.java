package dev.tasklane.desktop;

import dev.tasklane.desktop.service.preferences.WindowPreferences;
import javafx.stage.Stage;

/** Puts the window where the user left it, and remembers where that is when it closes. */
final class WindowBounds {

    private WindowBounds() {
    }

    static void restoreAndRemember(Stage stage, WindowPreferences preferences) {
        preferences.bounds().ifPresent(b -> {
            stage.setX(b.x());
            stage.setY(b.y());
            stage.setWidth(b.width());
            stage.setHeight(b.height());
            stage.setMaximized(b.maximized());
        });
        stage.addEventHandler(javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST, e -> preferences.saveBounds(new WindowPreferences.Bounds(
                stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), stage.isMaximized())));
    }
}
