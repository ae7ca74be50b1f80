package dev.tasklane.desktop.ui;

import dev.tasklane.desktop.viewmodel.TaskRow;
import java.util.UUID;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** One row of the virtualized task list: checkbox, title, tags, due (red when overdue), marks. */
final class TaskCell extends ListCell<TaskRow> {

    private final CheckBox done = new CheckBox();
    private final Label title = new Label();
    private final Label tags = new Label();
    private final Label marks = new Label();
    private final Label due = new Label();
    private final Region priority = new Region();
    private final HBox box;

    TaskCell(Consumer<UUID> toggle) {
        priority.getStyleClass().add("priority-bar");
        title.getStyleClass().add("task-title");
        tags.getStyleClass().add("task-tags");
        marks.getStyleClass().add("task-marks");
        due.getStyleClass().add("task-due");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        // The row is as wide as the list, never wider: a long title or many tags end in "…"
        // instead of widening the cell (which would bring a horizontal scrollbar); the due text
        // and the marks always show in full.
        title.setMinWidth(0);
        tags.setMinWidth(0);
        due.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        marks.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        setPrefWidth(0);
        box = new HBox(8, priority, done, title, tags, spacer, marks, due);
        box.setMinWidth(0);
        box.setAlignment(Pos.CENTER_LEFT);
        done.setFocusTraversable(false);
        done.setOnAction(event -> {
            if (getItem() != null) {
                toggle.accept(getItem().id());
            }
        });
    }

    /** The state classes this cell sets; a row's state is some of them. */
    private static final java.util.List<String> STATES = java.util.List.of("overdue", "completed", "priority-high", "priority-medium",
            "priority-low");

    @Override
    protected void updateItem(TaskRow row, boolean empty) {
        super.updateItem(row, empty);
        if (empty || row == null) {
            StyleClasses.set(this, STATES, java.util.Set.of());
            setGraphic(null);
            setText(null);
            return;
        }
        done.setSelected(row.completed());
        title.setText(row.title());
        tags.setText(row.tags().isEmpty() ? "" : "#" + String.join("  #", row.tags()));
        marks.setText((row.recurring() ? "↻ " : "") + (row.hasReminder() ? "◷" : ""));
        due.setText(row.dueText());
        java.util.Set<String> state = new java.util.HashSet<>();
        if (row.overdue()) {
            state.add("overdue");
        }
        if (row.completed()) {
            state.add("completed");
        }
        switch (row.priority()) {
            case HIGH -> state.add("priority-high");
            case MEDIUM -> state.add("priority-medium");
            case LOW -> state.add("priority-low");
            case NONE -> { }
        }
        StyleClasses.set(this, STATES, state);
        setText(null);
        setGraphic(box);
    }
}
