package dev.tasklane.desktop.ui;

import dev.tasklane.desktop.viewmodel.ConflictsViewModel;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The conflicts inbox: one card per conflict — task, field, the kept and the lost value with who
 * wrote each — and Keep / Restore. Text wraps to the width, so nothing needs horizontal scrolling.
 */
final class ConflictsView {

    private final VBox root;

    ConflictsView(ConflictsViewModel model) {
        ListView<ConflictsViewModel.Item> list = new ListView<>(model.items());
        list.setCellFactory(view -> new Card(model));
        root = InboxPage.build(new InboxPage.Texts("conflictsInbox", "Conflicts",
                "When two devices change the same thing before they sync, the later change wins and the other "
                        + "is kept here. Keep the current value, or restore the one that lost.",
                null, "conflictList", "No conflicts. Changes from all your devices fit together."), model.messageProperty(), list, model.countProperty());
    }

    Region root() {
        return root;
    }

    /** One conflict: a grid of wrapping labels, so a long value grows the row downwards, never sideways. */
    private static final class Card extends ListCell<ConflictsViewModel.Item> {
        private final Label task = new Label();
        private final Label kept = new Label();
        private final Label keptBy = new Label();
        private final Label lost = new Label();
        private final Label lostBy = new Label();
        private final Label when = new Label();
        private final Button keep = new Button("Keep current");
        private final Button restore = new Button("Restore lost value");
        private final VBox box;

        Card(ConflictsViewModel model) {
            task.getStyleClass().add("inbox-title");
            when.getStyleClass().add("inbox-meta");
            keptBy.getStyleClass().add("inbox-meta");
            lostBy.getStyleClass().add("inbox-meta");
            lost.getStyleClass().add("inbox-lost");
            for (Label label : new Label[] {task, kept, keptBy, lost, lostBy, when}) {
                label.setWrapText(true);
                label.setMinWidth(0);
            }
            GridPane values = new GridPane();
            values.setHgap(8);
            values.setVgap(2);
            Label keptLabel = new Label("Now");
            Label lostLabel = new Label("Lost");
            keptLabel.getStyleClass().add("editor-label");
            lostLabel.getStyleClass().add("editor-label");
            values.addRow(0, keptLabel, new VBox(kept, keptBy));
            values.addRow(1, lostLabel, new VBox(lost, lostBy));
            javafx.scene.layout.ColumnConstraints first = new javafx.scene.layout.ColumnConstraints();
            first.setMinWidth(40);
            javafx.scene.layout.ColumnConstraints second = new javafx.scene.layout.ColumnConstraints();
            second.setHgrow(Priority.ALWAYS);
            second.setMinWidth(0);
            values.getColumnConstraints().setAll(first, second);
            keep.getStyleClass().add("keep");
            restore.getStyleClass().addAll("restore", "accent");
            keep.setOnAction(e -> model.keep(getItem()));
            restore.setOnAction(e -> model.restore(getItem()));
            HBox actions = new HBox(8, keep, restore);
            box = new VBox(4, task, values, when, actions);
            box.getStyleClass().add("inbox-card");
            box.setMinWidth(0);
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(ConflictsViewModel.Item item, boolean empty) {
            super.updateItem(item, empty);
            setText(null);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            task.setText(item.taskTitle() + " — " + item.field());
            kept.setText(item.keptValue());
            keptBy.setText("by " + item.keptBy());
            lost.setText(item.lostValue());
            lostBy.setText("by " + item.lostBy());
            when.setText("Detected " + item.detected());
            setGraphic(box);
        }
    }
}
