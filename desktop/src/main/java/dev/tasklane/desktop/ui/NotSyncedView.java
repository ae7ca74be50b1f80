package dev.tasklane.desktop.ui;

import dev.tasklane.desktop.viewmodel.NotSyncedViewModel;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** "Not synced": changes the server refused, with its reason, and Edit / Discard. */
final class NotSyncedView {

    private final VBox root;

    NotSyncedView(NotSyncedViewModel model) {
        ListView<NotSyncedViewModel.Item> list = new ListView<>(model.items());
        list.setCellFactory(view -> new Card(model));
        root = InboxPage.build(new InboxPage.Texts("notSyncedInbox", "Not synced",
                "The server refused these changes. They are still on this computer. Edit the task to fix it, "
                        + "or discard the change to go back to the version on the server.",
                "notSyncedMessage", "refusedList", "Every change has synced."), model.messageProperty(), list, model.countProperty());
    }

    Region root() {
        return root;
    }

    private static final class Card extends ListCell<NotSyncedViewModel.Item> {
        private final Label task = new Label();
        private final Label reason = new Label();
        private final Label meta = new Label();
        private final Button edit = new Button("Edit");
        private final Button discard = new Button("Discard");
        private final VBox box;

        Card(NotSyncedViewModel model) {
            task.getStyleClass().add("inbox-title");
            reason.getStyleClass().add("inbox-lost");
            meta.getStyleClass().add("inbox-meta");
            for (Label label : new Label[] {task, reason, meta}) {
                label.setWrapText(true);
                label.setMinWidth(0);
            }
            edit.getStyleClass().add("accent");
            edit.setOnAction(e -> model.edit(getItem()));
            discard.setOnAction(e -> model.discard(getItem()));
            discard.disableProperty().bind(model.busyProperty());
            box = new VBox(4, task, reason, meta, new HBox(8, edit, discard));
            box.getStyleClass().add("inbox-card");
            box.setMinWidth(0);
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(NotSyncedViewModel.Item item, boolean empty) {
            super.updateItem(item, empty);
            setText(null);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            task.setText(item.taskTitle() + (item.fields().isEmpty() ? "" : " — " + item.fields()));
            reason.setText(item.reason());
            meta.setText("Refused " + item.refusedAt());
            setGraphic(box);
        }
    }
}
