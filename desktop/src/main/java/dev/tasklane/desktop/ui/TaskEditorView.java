package dev.tasklane.desktop.ui;

import dev.tasklane.core.task.Priority;
import dev.tasklane.desktop.viewmodel.ConflictRow;
import dev.tasklane.desktop.viewmodel.RecurrencePreset;
import dev.tasklane.desktop.viewmodel.ReminderChoice;
import dev.tasklane.desktop.viewmodel.TaskEditorViewModel;
import dev.tasklane.desktop.viewmodel.TaskHistoryViewModel;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The detail editor on the right: binds each control to the editor view model. */
final class TaskEditorView {

    private final TaskEditorViewModel model;
    private final VBox form = new VBox(6);
    private final ScrollPane root = new ScrollPane(form);
    private final TextField title = new TextField();

    TaskEditorView(TaskEditorViewModel model) {
        this.model = model;
        root.setFitToWidth(true);
        root.getStyleClass().add("editor");
        form.setPadding(new Insets(12));

        title.setId("editorTitle");
        title.textProperty().bindBidirectional(model.titleProperty());
        title.setOnAction(e -> model.save());

        TextArea notes = new TextArea();
        notes.setId("editorNotes");
        notes.setPrefRowCount(5);
        notes.setWrapText(true);
        notes.textProperty().bindBidirectional(model.notesProperty());

        ComboBox<Priority> priority = new ComboBox<>();
        priority.setId("editorPriority");
        priority.getItems().setAll(Priority.values());
        priority.valueProperty().bindBidirectional(model.priorityProperty());
        priority.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Priority value) {
                return value == null ? "" : value.label();
            }

            @Override
            public Priority fromString(String text) {
                return Priority.parse(text).orElse(Priority.NONE);
            }
        });

        TextField tags = new TextField();
        tags.setId("editorTags");
        tags.setPromptText("home, errands");
        tags.textProperty().bindBidirectional(model.tagsTextProperty());
        ContextMenu suggestions = new ContextMenu();
        tags.textProperty().addListener((obs, old, text) -> suggest(tags, suggestions, text));

        TextField dueDate = new TextField();
        dueDate.setId("editorDueDate");
        dueDate.setPromptText("YYYY-MM-DD");
        dueDate.textProperty().bindBidirectional(model.dueDateTextProperty());
        TextField dueTime = new TextField();
        dueTime.setId("editorDueTime");
        dueTime.setPromptText("HH:MM");
        dueTime.setPrefColumnCount(6);
        dueTime.setMinWidth(Region.USE_PREF_SIZE); // "09:00" stays whole in an 800-px window
        dueTime.textProperty().bindBidirectional(model.dueTimeTextProperty());
        // Searchable: typing a city, zone name, id or offset narrows the list; this computer's zone
        // and recently used zones come first. A text field with suggestions, like the tags.
        TextField zone = new TextField();
        zone.setId("editorZone");
        zone.setPromptText("Type a city, e.g. Berlin");
        zone.textProperty().bindBidirectional(model.zoneTextProperty());
        ContextMenu zoneSuggestions = new ContextMenu();
        zoneSuggestions.setId("zoneSuggestions");
        zone.textProperty().addListener((obs, old, text) -> suggestZones(zone, zoneSuggestions, text));
        zone.focusedProperty().addListener((obs, old, focused) -> {
            if (focused) {
                suggestZones(zone, zoneSuggestions, "");
            } else {
                zoneSuggestions.hide();
            }
        });

        ComboBox<ReminderChoice> reminder = new ComboBox<>();
        reminder.setId("editorReminder");
        reminder.getItems().setAll(ReminderChoice.values());
        reminder.valueProperty().bindBidirectional(model.reminderChoiceProperty());
        TextField reminderAt = new TextField();
        reminderAt.setId("editorReminderAt");
        reminderAt.setPromptText("YYYY-MM-DD HH:MM");
        reminderAt.textProperty().bindBidirectional(model.reminderAtTextProperty());
        reminderAt.visibleProperty().bind(model.reminderChoiceProperty().isEqualTo(ReminderChoice.CUSTOM));
        reminderAt.managedProperty().bind(reminderAt.visibleProperty());
        Label reminderWhen = new Label();
        reminderWhen.setId("editorReminderWhen");
        reminderWhen.getStyleClass().add("editor-preview");
        reminderWhen.setWrapText(true);
        reminderWhen.textProperty().bind(model.reminderWhenProperty());
        // The field's error says it better when there is one ("A reminder before the due time needs a due date.").
        reminderWhen.visibleProperty().bind(Bindings.isNotEmpty(model.reminderWhenProperty())
                .and(Bindings.isEmpty(model.errorProperty("reminder"))));
        reminderWhen.managedProperty().bind(reminderWhen.visibleProperty());

        ComboBox<RecurrencePreset> preset = new ComboBox<>();
        preset.setId("editorRecurrence");
        preset.getItems().setAll(RecurrencePreset.values());
        preset.valueProperty().bindBidirectional(model.recurrencePresetProperty());
        TextField rule = new TextField();
        rule.setId("editorRule");
        rule.setPromptText("FREQ=MONTHLY;BYDAY=-1FR");
        rule.textProperty().bindBidirectional(model.ruleTextProperty());
        rule.editableProperty().bind(model.recurrencePresetProperty().isEqualTo(RecurrencePreset.CUSTOM));
        CheckBox fromCompletion = new CheckBox("Count from completion date");
        fromCompletion.setId("editorFromCompletion");
        fromCompletion.selectedProperty().bindBidirectional(model.fromCompletionProperty());
        // Plain wrapped lines, not a list control: it grows with its text and never scrolls sideways.
        VBox preview = new VBox(2);
        preview.setId("editorPreview");
        preview.getStyleClass().add("editor-preview");
        Runnable fillPreview = () -> preview.getChildren().setAll(model.preview().stream().map(line -> {
            Label label = new Label(line);
            label.setWrapText(true);
            label.setMinHeight(Region.USE_PREF_SIZE);
            return label;
        }).toList());
        model.preview().addListener((javafx.collections.ListChangeListener<String>) change -> fillPreview.run());
        fillPreview.run();
        Node recurrenceDetails = new VBox(4, rule, fromCompletion, new Label("Next dates"), preview);
        recurrenceDetails.visibleProperty().bind(model.recurrencePresetProperty().isNotEqualTo(RecurrencePreset.NONE));
        recurrenceDetails.managedProperty().bind(recurrenceDetails.visibleProperty());

        Button save = new Button("Save");
        save.setId("editorSave");
        save.setDefaultButton(false);
        save.setOnAction(e -> model.save());
        Label saveMessage = new Label();
        saveMessage.setId("editorSaveMessage");
        saveMessage.textProperty().bind(model.saveMessageProperty());

        ListView<ConflictRow> conflicts = new ListView<>(model.conflicts());
        conflicts.setId("editorConflicts");
        conflicts.setPrefHeight(90);
        conflicts.setCellFactory(list -> new ConflictCell(model));
        Label conflictsHeading = new Label("Edits from other devices that lost");
        conflictsHeading.setWrapText(true);
        VBox conflictBox = new VBox(4, conflictsHeading, conflicts);
        conflictBox.visibleProperty().bind(Bindings.isNotEmpty(model.conflicts()));
        conflictBox.managedProperty().bind(conflictBox.visibleProperty());

        Label notInList = new Label("This task is not in the list you are looking at (the search or the filter hides it). "
                + "Your edits are still saved.");
        notInList.setId("editorNotInList");
        notInList.getStyleClass().add("editor-notice");
        notInList.setWrapText(true);
        notInList.visibleProperty().bind(model.inCurrentListProperty().not().and(model.hasTaskProperty()));
        notInList.managedProperty().bind(notInList.visibleProperty());

        form.getChildren().addAll(
                notInList,
                section("Title"), title, remoteChange(TaskEditorViewModel.Part.TITLE), error("title"),
                section("Notes"), notes, remoteChange(TaskEditorViewModel.Part.NOTES), error("notes"),
                section("Priority"), priority, remoteChange(TaskEditorViewModel.Part.PRIORITY),
                section("Tags"), tags, remoteChange(TaskEditorViewModel.Part.TAGS), error("tags"),
                section("Due"), new HBox(6, dueDate, dueTime), remoteChange(TaskEditorViewModel.Part.DUE), error("due"),
                section("Time zone"), zone, error("zone"),
                section("Reminder"), reminder, reminderAt, reminderWhen, remoteChange(TaskEditorViewModel.Part.REMINDER), error("reminder"),
                section("Repeat"), preset, recurrenceDetails, remoteChange(TaskEditorViewModel.Part.REPEAT), error("recurrence"),
                new HBox(8, save, saveMessage),
                conflictBox);
        saveMessage.setWrapText(true);
        // Closing the window with unsaved edits saves them, as switching tasks does.
        root.sceneProperty().addListener((obs, oldScene, scene) -> {
            if (scene != null) {
                scene.windowProperty().addListener((o, oldWindow, window) -> {
                    if (window != null) {
                        window.addEventFilter(javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST, e -> model.leave());
                    }
                });
            }
        });
        form.disableProperty().bind(model.hasTaskProperty().not());
    }

    Node root() {
        return root;
    }

    /** Adds the History section (server-side audit log) below the editor's fields. */
    void addHistory(TaskHistoryViewModel history) {
        Label message = new Label();
        message.setId("historyMessage");
        message.setWrapText(true);
        message.textProperty().bind(history.messageProperty());
        message.visibleProperty().bind(Bindings.isNotEmpty(history.messageProperty()));
        message.managedProperty().bind(message.visibleProperty());
        // Wrapped lines, not a list control: a long change reads in full without sideways scrolling.
        VBox lines = new VBox(4);
        lines.setId("historyLines");
        lines.getStyleClass().add("editor-preview");
        Runnable fill = () -> lines.getChildren().setAll(history.lines().stream().map(text -> {
            Label line = new Label(text);
            line.setWrapText(true);
            line.setMinHeight(Region.USE_PREF_SIZE);
            return line;
        }).toList());
        history.lines().addListener((javafx.collections.ListChangeListener<String>) change -> fill.run());
        fill.run();
        lines.visibleProperty().bind(Bindings.isNotEmpty(history.lines()));
        lines.managedProperty().bind(lines.visibleProperty());
        form.getChildren().addAll(section("History"), message, lines);
    }

    void focusTitle() {
        title.requestFocus();
    }

    private static Label section(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("editor-label");
        return label;
    }

    private Label error(String field) {
        Label label = new Label();
        label.setId("error-" + field);
        label.getStyleClass().add("field-error");
        label.setWrapText(true);
        label.textProperty().bind(model.errorProperty(field));
        label.visibleProperty().bind(model.errorProperty(field).isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
        return label;
    }

    /** "Changed on another device to “…”  [Keep mine] [Take theirs]" under a field being edited. */
    private Node remoteChange(TaskEditorViewModel.Part part) {
        Label text = new Label();
        text.setWrapText(true);
        text.textProperty().bind(model.remoteChangeProperty(part));
        Button keepMine = new Button("Keep mine");
        keepMine.setId("keepMine-" + part.name());
        keepMine.setOnAction(e -> model.keepMine(part));
        Button takeTheirs = new Button("Take theirs");
        takeTheirs.setId("takeTheirs-" + part.name());
        takeTheirs.setOnAction(e -> model.takeTheirs(part));
        keepMine.setMinWidth(Region.USE_PREF_SIZE);
        takeTheirs.setMinWidth(Region.USE_PREF_SIZE);
        VBox box = new VBox(4, text, new HBox(6, keepMine, takeTheirs));
        box.setId("remoteChange-" + part.name());
        box.getStyleClass().add("remote-change");
        box.visibleProperty().bind(model.remoteChangeProperty(part).isNotEmpty());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private void suggestZones(TextField field, ContextMenu menu, String text) {
        if (!field.isFocused()) {
            return;
        }
        List<String> found = model.zoneSuggestions(text).stream().limit(12).toList();
        if (found.isEmpty() || found.contains(text.strip())) {
            menu.hide();
            return;
        }
        menu.getItems().setAll(found.stream().map(label -> {
            MenuItem item = new MenuItem(label);
            item.setOnAction(e -> {
                field.setText(label);
                field.positionCaret(label.length());
                menu.hide();
            });
            return item;
        }).toList());
        if (!menu.isShowing() && field.getScene() != null && field.getScene().getWindow() != null) {
            menu.show(field, javafx.geometry.Side.BOTTOM, 0, 0);
        }
    }

    private void suggest(TextField field, ContextMenu menu, String text) {
        if (!field.isFocused()) {
            return;
        }
        List<String> found = model.tagSuggestions(text);
        if (found.isEmpty() || text.isBlank()) {
            menu.hide();
            return;
        }
        menu.getItems().setAll(found.stream().map(tag -> {
            MenuItem item = new MenuItem(tag);
            item.setOnAction(e -> {
                int comma = text.lastIndexOf(',');
                String head = comma < 0 ? "" : text.substring(0, comma + 1) + " ";
                field.setText(head + tag + ", ");
                field.positionCaret(field.getText().length());
            });
            return item;
        }).toList());
        if (!menu.isShowing() && field.getScene() != null && field.getScene().getWindow() != null) {
            menu.show(field, javafx.geometry.Side.BOTTOM, 0, 0);
        }
    }

    /** A lost edit with Restore and Dismiss buttons. */
    private static final class ConflictCell extends javafx.scene.control.ListCell<ConflictRow> {
        private final TaskEditorViewModel model;

        ConflictCell(TaskEditorViewModel model) {
            this.model = model;
        }

        @Override
        protected void updateItem(ConflictRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            Button restore = new Button("Restore");
            restore.setOnAction(e -> model.restore(row));
            Button dismiss = new Button("Dismiss");
            dismiss.setOnAction(e -> model.dismiss(row));
            Label text = new Label(row.description());
            text.setWrapText(true);
            setGraphic(new VBox(2, text, new HBox(4, restore, dismiss)));
        }
    }
}
