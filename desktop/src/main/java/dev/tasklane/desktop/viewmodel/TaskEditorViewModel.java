package dev.tasklane.desktop.viewmodel;

import dev.tasklane.core.merge.Conflict;
import dev.tasklane.core.recurrence.Occurrences;
import dev.tasklane.core.task.Due;
import dev.tasklane.core.task.FieldError;
import dev.tasklane.core.task.Priority;
import dev.tasklane.core.task.Recurrence;
import dev.tasklane.core.task.Reminder;
import dev.tasklane.core.task.Tags;
import dev.tasklane.core.merge.TaskState;
import dev.tasklane.core.task.Task;
import dev.tasklane.core.task.ValidationException;
import dev.tasklane.desktop.service.tasks.DueText;
import dev.tasklane.desktop.service.tasks.SaveFailedException;
import dev.tasklane.desktop.service.tasks.TaskService;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The detail editor: every field of one task as editable text, with validation messages next to
 * the field they concern. {@link #save()} saves nothing unless every field is valid, and keeps
 * the user's input when it refuses.
 */
public final class TaskEditorViewModel {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter REMINDER_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final int PREVIEW_COUNT = 5;

    // ---- properties: fields
    private final StringProperty title = new SimpleStringProperty("");
    private final StringProperty notes = new SimpleStringProperty("");
    private final ObjectProperty<Priority> priority = new SimpleObjectProperty<>(Priority.NONE);
    private final StringProperty tagsText = new SimpleStringProperty("");
    private final StringProperty dueDateText = new SimpleStringProperty("");
    private final StringProperty dueTimeText = new SimpleStringProperty("");
    private final StringProperty zoneText = new SimpleStringProperty("");
    private final ObjectProperty<ReminderChoice> reminderChoice = new SimpleObjectProperty<>(ReminderChoice.NONE);
    private final StringProperty reminderAtText = new SimpleStringProperty("");
    private final ObjectProperty<RecurrencePreset> recurrencePreset = new SimpleObjectProperty<>(RecurrencePreset.NONE);
    private final StringProperty ruleText = new SimpleStringProperty("");
    private final BooleanProperty fromCompletion = new SimpleBooleanProperty(false);

    // ---- properties: derived state
    private final ObservableList<String> preview = FXCollections.observableArrayList();
    private final ObservableList<ConflictRow> conflicts = FXCollections.observableArrayList();
    private final ObservableList<String> previewView = FXCollections.unmodifiableObservableList(preview);
    private final ObservableList<ConflictRow> conflictsView = FXCollections.unmodifiableObservableList(conflicts);
    private final ReadOnlyBooleanWrapper hasTask = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper saveMessage = new ReadOnlyStringWrapper("");
    private final Map<String, ReadOnlyStringWrapper> errors = Map.of(
            "title", new ReadOnlyStringWrapper(""), "notes", new ReadOnlyStringWrapper(""),
            "tags", new ReadOnlyStringWrapper(""), "due", new ReadOnlyStringWrapper(""),
            "zone", new ReadOnlyStringWrapper(""), "reminder", new ReadOnlyStringWrapper(""),
            "recurrence", new ReadOnlyStringWrapper(""));

    private final TaskService tasks;
    private Optional<Task> task = Optional.empty();
    /** The state the editor was filled from: a save writes only what the user changed since. */
    private Optional<TaskState> opened = Optional.empty();
    /** True while {@link #show} fills the fields, so the preview is computed once, not per field. */
    private boolean filling;

    public TaskEditorViewModel(TaskService tasks) {
        this.tasks = tasks;
        recurrencePreset.addListener((obs, old, preset) -> {
            if (preset != RecurrencePreset.CUSTOM) {
                ruleText.set(preset.rule());
            }
        });
        ruleText.addListener((obs, old, rule) -> previewInputChanged());
        dueDateText.addListener((obs, old, text) -> previewInputChanged());
        dueTimeText.addListener((obs, old, text) -> previewInputChanged());
        zoneText.addListener((obs, old, text) -> previewInputChanged());
        fromCompletion.addListener((obs, old, value) -> previewInputChanged());
    }

    // ---- properties

    public StringProperty titleProperty() {
        return title;
    }

    public StringProperty notesProperty() {
        return notes;
    }

    public ObjectProperty<Priority> priorityProperty() {
        return priority;
    }

    public StringProperty tagsTextProperty() {
        return tagsText;
    }

    public StringProperty dueDateTextProperty() {
        return dueDateText;
    }

    public StringProperty dueTimeTextProperty() {
        return dueTimeText;
    }

    public StringProperty zoneTextProperty() {
        return zoneText;
    }

    public ObjectProperty<ReminderChoice> reminderChoiceProperty() {
        return reminderChoice;
    }

    public StringProperty reminderAtTextProperty() {
        return reminderAtText;
    }

    public ObjectProperty<RecurrencePreset> recurrencePresetProperty() {
        return recurrencePreset;
    }

    public StringProperty ruleTextProperty() {
        return ruleText;
    }

    public BooleanProperty fromCompletionProperty() {
        return fromCompletion;
    }

    public ObservableList<String> preview() {
        return previewView;
    }

    public ObservableList<ConflictRow> conflicts() {
        return conflictsView;
    }

    public ReadOnlyBooleanProperty hasTaskProperty() {
        return hasTask.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty saveMessageProperty() {
        return saveMessage.getReadOnlyProperty();
    }

    /** The message for one field ("title", "notes", "tags", "due", "zone", "reminder", "recurrence"); empty when valid. */
    public ReadOnlyStringProperty errorProperty(String field) {
        ReadOnlyStringWrapper wrapper = errors.get(field);
        if (wrapper == null) {
            throw new IllegalArgumentException("no such field: " + field);
        }
        return wrapper.getReadOnlyProperty();
    }

    // ---- commands

    /** Shows {@code id} in the editor; empty clears it. */
    public void show(Optional<UUID> id) {
        filling = true;
        try {
            fill(id);
        } finally {
            filling = false;
        }
        updatePreview();
    }

    private void fill(Optional<UUID> id) {
        opened = id.flatMap(tasks::snapshot);
        task = opened.flatMap(TaskState::toTask).filter(t -> !t.deleted());
        clearErrors();
        saveMessage.set("");
        hasTask.set(task.isPresent());
        Task shown = task.orElse(null);
        title.set(shown == null ? "" : shown.title());
        notes.set(shown == null ? "" : shown.notes());
        priority.set(shown == null ? Priority.NONE : shown.priority());
        tagsText.set(shown == null ? "" : String.join(", ", shown.tags()));
        Optional<Due> due = task.flatMap(Task::due);
        dueDateText.set(due.map(d -> d.date().toString()).orElse(""));
        dueTimeText.set(due.filter(Due.Timed.class::isInstance).map(d -> TIME.format(((Due.Timed) d).time())).orElse(""));
        zoneText.set(due.filter(Due.Timed.class::isInstance).map(d -> ((Due.Timed) d).zone().getId()).orElse(tasks.zone().getId()));
        Optional<Reminder> reminder = task.flatMap(Task::reminder);
        reminderChoice.set(ReminderChoice.of(reminder));
        reminderAtText.set(reminder.flatMap(r -> r.fireTime(due, tasks.zone()))
                .filter(i -> reminderChoice.get() == ReminderChoice.CUSTOM)
                .map(i -> REMINDER_AT.format(i.atZone(tasks.zone()))).orElse(""));
        Optional<Recurrence> recurrence = task.flatMap(Task::recurrence);
        String rule = recurrence.map(Recurrence::rule).orElse("");
        recurrencePreset.set(recurrence.isEmpty() ? RecurrencePreset.NONE
                : RecurrencePreset.matching(rule).orElse(RecurrencePreset.CUSTOM));
        ruleText.set(rule);
        fromCompletion.set(recurrence.map(Recurrence::fromCompletion).orElse(false));
        conflicts.setAll(task.map(t -> tasks.conflicts(t.id())).orElse(List.of()).stream().map(this::describe).toList());
    }

    /** Validates every field and saves; returns false (saving nothing) when any field is invalid. */
    public boolean save() {
        if (task.isEmpty()) {
            return false;
        }
        clearErrors();
        saveMessage.set("");
        List<FieldError> problems = new ArrayList<>();
        Optional<Due> due = parseDue(problems);
        Optional<Reminder> reminder = parseReminder(problems);
        Optional<Recurrence> recurrence = parseRecurrence(problems);
        List<String> tags = Tags.split(tagsText.get());
        if (!problems.isEmpty()) {
            showErrors(problems);
            return false;
        }
        Task current = task.get();
        try {
            Task edited = new Task(current.id(), title.get(), notes.get(), priority.get(), tags, due, reminder, recurrence,
                    current.series(), current.completedAt(), current.deleted(), current.createdAt(), current.updatedAt());
            Task saved = tasks.save(opened.orElseThrow(), edited);
            // The next save diffs against this state: keep the task shown and the state one pair.
            opened = tasks.snapshot(current.id());
            task = Optional.of(opened.flatMap(TaskState::toTask).orElse(saved));
            saveMessage.set("Saved");
            return true;
        } catch (ValidationException e) {
            showErrors(e.errors());
            return false;
        } catch (SaveFailedException e) {
            saveMessage.set("Could not save: " + e.getMessage());
            return false;
        }
    }

    /** Brings back a value that lost a concurrent edit. */
    public void restore(ConflictRow row) {
        try {
            tasks.restoreConflict(row.conflict());
            show(task.map(Task::id));
            saveMessage.set("Restored the earlier " + row.conflict().field().wireName());
        } catch (SaveFailedException | ValidationException e) {
            saveMessage.set("Could not restore: " + e.getMessage());
        }
    }

    public void dismiss(ConflictRow row) {
        tasks.dismissConflict(row.conflict());
        conflicts.remove(row);
    }

    /** Existing tags that start with what the user has typed after the last comma, for completion. */
    public List<String> tagSuggestions(String typed) {
        String[] parts = typed.split(",", -1);
        String prefix = Tags.key(parts[parts.length - 1]);
        List<String> already = Tags.split(typed).stream().map(Tags::key).toList();
        return tasks.counts().tags().values().stream()
                .map(tag -> tag.display())
                .filter(tag -> Tags.key(tag).startsWith(prefix) && !already.contains(Tags.key(tag)))
                .sorted(String.CASE_INSENSITIVE_ORDER)
                .limit(8)
                .collect(Collectors.toList());
    }

    // ---- parsing

    private Optional<Due> parseDue(List<FieldError> problems) {
        String dateText = dueDateText.get().strip();
        String timeText = dueTimeText.get().strip();
        if (dateText.isEmpty()) {
            if (!timeText.isEmpty()) {
                problems.add(new FieldError("due", "needs_date", "Enter a date for this time, e.g. 2026-12-01."));
            }
            return Optional.empty();
        }
        LocalDate date;
        try {
            date = LocalDate.parse(dateText);
        } catch (DateTimeParseException e) {
            problems.add(new FieldError("due", "invalid_date", "“" + dateText + "” is not a date; use YYYY-MM-DD, e.g. 2026-12-01."));
            return Optional.empty();
        }
        if (timeText.isEmpty()) {
            return Optional.of(new Due.AllDay(date));
        }
        LocalTime time;
        try {
            time = LocalTime.parse(timeText, TIME);
        } catch (DateTimeParseException e) {
            problems.add(new FieldError("due", "invalid_time", "“" + timeText + "” is not a time; use HH:MM, e.g. 09:30."));
            return Optional.empty();
        }
        Optional<ZoneId> zone = parseZone(problems);
        return zone.map(z -> new Due.Timed(LocalDateTime.of(date, time), z));
    }

    private Optional<ZoneId> parseZone(List<FieldError> problems) {
        String text = zoneText.get().strip();
        if (text.isEmpty()) {
            return Optional.of(tasks.zone());
        }
        try {
            return Optional.of(ZoneId.of(text));
        } catch (DateTimeException e) {
            problems.add(new FieldError("zone", "unknown_zone", "Unknown time zone “" + text + "”; use a name like Europe/Berlin."));
            return Optional.empty();
        }
    }

    private Optional<Reminder> parseReminder(List<FieldError> problems) {
        ReminderChoice choice = reminderChoice.get();
        if (choice == ReminderChoice.NONE) {
            return Optional.empty();
        }
        if (choice != ReminderChoice.CUSTOM) {
            return choice.offset().map(Reminder.BeforeDue::new);
        }
        String text = reminderAtText.get().strip();
        try {
            return Optional.of(new Reminder.At(LocalDateTime.parse(text, REMINDER_AT).atZone(tasks.zone()).toInstant()));
        } catch (DateTimeParseException e) {
            problems.add(new FieldError("reminder", "invalid_reminder", "Enter the reminder as YYYY-MM-DD HH:MM, e.g. 2026-12-01 08:30."));
            return Optional.empty();
        }
    }

    private Optional<Recurrence> parseRecurrence(List<FieldError> problems) {
        if (recurrencePreset.get() == RecurrencePreset.NONE || ruleText.get().isBlank() && recurrencePreset.get() != RecurrencePreset.CUSTOM) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Recurrence(ruleText.get(), fromCompletion.get()));
        } catch (ValidationException e) {
            problems.addAll(e.errors());
            return Optional.empty();
        }
    }

    private void previewInputChanged() {
        if (!filling) {
            updatePreview();
        }
    }

    private void updatePreview() {
        List<FieldError> ignored = new ArrayList<>();
        Optional<Due> due = parseDue(ignored);
        if (due.isEmpty() || ruleText.get().isBlank() || recurrencePreset.get() == RecurrencePreset.NONE) {
            preview.clear();
            return;
        }
        try {
            Recurrence recurrence = new Recurrence(ruleText.get(), fromCompletion.get());
            ZonedDateTime now = tasks.now().atZone(tasks.zone());
            preview.setAll(Occurrences.preview(due.get(), recurrence, PREVIEW_COUNT).stream()
                    .map(d -> d.date().getDayOfWeek().toString().substring(0, 3) + " " + d.encode().replace("T", " ")
                            + "  (" + DueText.relative(d, now) + ")")
                    .toList());
        } catch (ValidationException e) {
            preview.setAll(e.errors().getFirst().message());
        }
    }

    private ConflictRow describe(Conflict conflict) {
        String lost = conflict.lostValue().isEmpty() ? "(empty)" : conflict.lostValue();
        // Named like the conflicts inbox names them: the losing value may be this device's own.
        String by = ConflictsViewModel.writer(conflict.lostHlc(), java.util.Optional.empty(), tasks.node(), tasks.writerNames());
        return new ConflictRow(conflict, conflict.field().wireName() + ": “" + abbreviate(lost) + "” by " + by
                + " lost to “" + abbreviate(conflict.keptValue()) + "”");
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 39) + "…" : text;
    }

    private void clearErrors() {
        errors.values().forEach(e -> e.set(""));
    }

    private void showErrors(List<FieldError> problems) {
        for (FieldError problem : problems) {
            ReadOnlyStringWrapper target = errors.get(problem.field());
            if (target == null) {
                target = errors.get("title");
            }
            if (target.get().isEmpty()) {
                target.set(problem.message());
            }
        }
    }
}
