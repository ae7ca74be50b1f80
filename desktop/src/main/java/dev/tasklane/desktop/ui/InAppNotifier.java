package dev.tasklane.desktop.ui;

import dev.tasklane.desktop.service.reminders.Notifier;
import dev.tasklane.desktop.service.reminders.ReminderAction;
import dev.tasklane.desktop.service.reminders.ReminderActionHandler;
import dev.tasklane.desktop.service.reminders.ReminderNotice;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.StageStyle;
import javafx.stage.Window;

/** A small always-on-top window in the screen corner: the reminder popup where the OS has none. */
public final class InAppNotifier implements Notifier {

    private final Window owner;
    private final ReminderActionHandler handler;

    public InAppNotifier(Window owner, ReminderActionHandler handler) {
        this.owner = owner;
        this.handler = handler;
    }

    @Override
    public void show(ReminderNotice notice) {
        Platform.runLater(() -> open(notice));
    }

    private void open(ReminderNotice notice) {
        Stage popup = new Stage(StageStyle.UTILITY);
        popup.initOwner(owner);
        popup.setAlwaysOnTop(true);
        popup.setTitle(notice.missed() ? "Missed reminder" : "Reminder");
        Label title = new Label(notice.title());
        title.getStyleClass().add("reminder-title");
        title.setWrapText(true);
        Label body = new Label(notice.body());
        body.setWrapText(true);
        FlowPane buttons = new FlowPane(6, 6);
        for (ReminderAction action : ReminderAction.values()) {
            Button button = new Button(action.label());
            button.setId("reminder-" + action.key());
            button.setOnAction(e -> {
                popup.close();
                handler.handle(notice.taskId(), action);
            });
            buttons.getChildren().add(button);
        }
        VBox box = new VBox(8, title, body, buttons);
        box.setPadding(new Insets(12));
        box.getStyleClass().add("reminder-popup");
        Scene scene = new Scene(box, 360, 150);
        if (owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        popup.setScene(scene);
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        popup.setX(screen.getMaxX() - 380);
        popup.setY(screen.getMaxY() - 180);
        popup.show();
    }

    @Override
    public String name() {
        return "in-app";
    }
}
