package dev.tasklane.desktop.viewmodel;

import dev.tasklane.core.merge.Conflict;
import dev.tasklane.core.merge.Register;
import dev.tasklane.core.merge.TagState;
import dev.tasklane.core.merge.TaskField;
import dev.tasklane.core.merge.TaskState;
import dev.tasklane.core.quickadd.QuickAdd;
import dev.tasklane.core.recurrence.Occurrences;
import dev.tasklane.core.task.Due;
import dev.tasklane.core.task.FieldError;
import dev.tasklane.core.task.Priority;
import dev.tasklane.core.task.Recurrence;
import dev.tasklane.core.task.Reminder;
import dev.tasklane.core.task.Tags;
import dev.tasklane.core.task.Task;
import dev.tasklane.core.task.ValidationException;
import dev.tasklane.desktop.service.tasks.DueText;
import dev.tasklane.desktop.service.tasks.RepeatText;
import dev.tasklane.desktop.service.tasks.SaveFailedException;
import dev.tasklane.desktop.service.tasks.TaskChange;
import dev.tasklane.desktop.service.tasks.TaskQuery;
import dev.tasklane.desktop.service.tasks.TaskService;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
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
 *
 * <p>It never loses typing and never shows stale data:
 * <ul>
 *   <li>Leaving a task with unsaved edits — showing another task, closing the window — saves them
 *       ({@link #leave()}). One behaviour everywhere: auto-save, never a question. A field that
 *       cannot be saved (a date that doesn't exist) is left out and named in the message; the
 *       rest is saved.</li>
 *   <li>When the shown task changes underneath (sync, a snooze, a merge, a completion), fields the
 *       user has not touched take the new value in place. A field the user is editing that changed
 *       elsewhere too is flagged ({@link #remoteChangeProperty}) with "keep mine" / "take theirs".
 *       Until the user picks, a save writes their value against the value they started from, so
 *       the other device's value is kept as a conflict, not silently overwritten.</li>
 * </ul>
 */
public final class TaskEditorViewModel {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter REMINDER_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter PREVIEW_DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);
    private static final int PREVIEW_COUNT = 5;
    private static final int RECENT_ZONES = 5;

    /** The parts of the editor that are edited, saved and flagged as one. */
    public enum Part {
        TITLE("title", EnumSet.of(TaskField.TITLE)),
        NOTES("notes", EnumSet.of(TaskField.NOTES)),
        PRIORITY("priority", EnumSet.of(TaskField.PRIORITY)),
        TAGS("tags", EnumSet.noneOf(TaskField.class)),
        DUE("due date", EnumSet.of(TaskField.DUE)),
        REMINDER("reminder", EnumSet.of(TaskField.REMINDER)),
        REPEAT("repeat", EnumSet.of(TaskField.RECURRENCE));

        private final String label;
        private final Set<TaskField> fields;

        Part(String label, Set<TaskField> fields) {
            this.label = label;
            this.fields = fields;
        }

        public String label() {
            return label;
        }
    }

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
    private final ReadOnlyStringWrapper reminderWhen = new ReadOnlyStringWrapper("");
    private final ObjectProperty<RecurrencePreset> recurrencePreset = new SimpleObjectProperty<>(RecurrencePreset.NONE);
    private final StringProperty ruleText = new SimpleStringProperty("");
    private final BooleanProperty fromCompletion = new SimpleBooleanProperty(false);
    /** Whether the shown task is in the list the user is looking at; the main view keeps this bound. */
    private final BooleanProperty inCurrentList = new SimpleBooleanProperty(true);

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
    private final Map<Part, ReadOnlyStringWrapper> remoteChanges = new EnumMap<>(Part.class);

    private final TaskService tasks;
    /** Built on first use: labelling every zone takes a moment that start-up should not pay. */
    private ZoneChoices zoneChoices;
    /** The task as last stored (the source of the fields the editor does not show: series, completion …). */
    private Optional<Task> task = Optional.empty();
    /**
     * What a save diffs against: per field, the value (and clock) the user started editing from.
     * Usually the latest state; for a flagged part, the state before the other device's change.
     */
    private Optional<TaskState> opened = Optional.empty();
    /** The latest stored state, for "keep mine". */
    private Optional<TaskState> latest = Optional.empty();
    /** Per part, the text the editor was filled with: a part whose text differs has been touched. */
    private final Map<Part, String> filled = new EnumMap<>(Part.class);
    /** Per flagged part, the other device's value, as editor values. */
    private final Map<Part, Values> theirs = new EnumMap<>(Part.class);
    /** True while the editor fills its fields, so the preview is computed once, not per field. */
    private boolean filling;
    /** True while this editor writes, so its own change is not taken for another device's. */
    private boolean saving;

    public TaskEditorViewModel(TaskService tasks, Executor uiExecutor) {
        this.tasks = tasks;
        for (Part part : Part.values()) {
            remoteChanges.put(part, new ReadOnlyStringWrapper(""));
        }
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
        reminderChoice.addListener((obs, old, value) -> previewInputChanged());
        tasks.addListener(change -> uiExecutor.execute(() -> onTasksChanged(change)));
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

    /** The due's time zone as a readable label ("Berlin — Central European Time (UTC+01:00)"); an id or a city also works. */
    public StringProperty zoneTextProperty() {
        return zoneText;
    }

    public ObjectProperty<ReminderChoice> reminderChoiceProperty() {
        return reminderChoice;
    }

    public StringProperty reminderAtTextProperty() {
        return reminderAtText;
    }

    /** When a reminder relative to the due fires ("Reminds you Mon 30 Nov 2026, 08:45"); empty for none or a fixed time. */
    public ReadOnlyStringProperty reminderWhenProperty() {
        return reminderWhen.getReadOnlyProperty();
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

    public BooleanProperty inCurrentListProperty() {
        return inCurrentList;
    }

    /** The next dates of a repeating task, written for people: "Mon 30 Nov 2026, 17:00". */
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

    /**
     * Non-empty while the user is editing {@code part} and another device changed it too:
     * "Changed on another device to “…”". Resolve with {@link #keepMine} or {@link #takeTheirs}.
     */
    public ReadOnlyStringProperty remoteChangeProperty(Part part) {
        return remoteChanges.get(part).getReadOnlyProperty();
    }

    /** Whether any field differs from what the editor was filled with. */
    public boolean hasUnsavedEdits() {
        return task.isPresent() && Set.of(Part.values()).stream().anyMatch(this::touched);
    }

    // ---- commands

    /** Shows {@code id} in the editor; empty clears it. Unsaved edits of the task shown so far are saved first. */
    public void show(Optional<UUID> id) {
        String left = leave();
        filling = true;
        try {
            fill(id);
        } finally {
            filling = false;
        }
        updatePreview();
        saveMessage.set(left);
    }

    /**
     * Saves unsaved edits of the shown task (switching tasks, closing the window). Parts that are
     * invalid are left out and named.
     *
     * @return what happened, for the user ("Saved your changes to “x”"), or empty when nothing was unsaved
     */
    public String leave() {
        if (!hasUnsavedEdits() || stored().map(Task::deleted).orElse(true)) {
            return "";
        }
        String name = title.get().isBlank() ? task.get().title() : title.get().strip();
        if (save()) {
            return "Saved your changes to “" + name + "”.";
        }
        // Save what can be saved; keep the stored value of each part that is refused.
        Set<Part> refused = EnumSet.noneOf(Part.class);
        List<String> reasons = new ArrayList<>();
        for (int attempt = 0; attempt < Part.values().length; attempt++) {
            List<FieldError> problems = new ArrayList<>();
            Optional<Task> edited = edited(problems, refused);
            if (problems.isEmpty() && edited.isPresent()) {
                try {
                    write(edited.get());
                    break;
                } catch (ValidationException e) {
                    problems.addAll(e.errors());
                } catch (SaveFailedException e) {
                    return "Could not save your changes to “" + name + "”: " + e.getMessage();
                }
            }
            for (FieldError problem : problems) {
                Part part = partOf(problem.field());
                if (refused.add(part)) {
                    reasons.add("the " + part.label() + " (" + problem.message() + ")");
                }
            }
        }
        if (refused.size() == Part.values().length) {
            return "Could not save your changes to “" + name + "”.";
        }
        return "Saved your changes to “" + name + "” except " + String.join(" and ", reasons);
    }

    /** Validates every field and saves; returns false (saving nothing) when any field is invalid. */
    public boolean save() {
        if (task.isEmpty()) {
            return false;
        }
        clearErrors();
        saveMessage.set("");
        List<FieldError> problems = new ArrayList<>();
        Optional<Task> edited = edited(problems, EnumSet.noneOf(Part.class));
        if (!problems.isEmpty() || edited.isEmpty()) {
            showErrors(problems);
            return false;
        }
        try {
            write(edited.get());
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

    /** Keeps the user's value of a flagged part: the next save replaces the other device's value knowingly. */
    public void keepMine(Part part) {
        if (theirs.remove(part) == null || latest.isEmpty() || opened.isEmpty()) {
            return;
        }
        opened = Optional.of(withBase(opened.get(), latest.get(), Set.of(part)));
        filled.put(part, key(theirsOrLatest(part), part));
        remoteChanges.get(part).set("");
    }

    /** Takes the other device's value of a flagged part, dropping the user's edit of it. */
    public void takeTheirs(Part part) {
        Values remote = theirs.remove(part);
        if (remote == null || latest.isEmpty() || opened.isEmpty()) {
            return;
        }
        filling = true;
        try {
            set(part, remote);
        } finally {
            filling = false;
        }
        updatePreview();
        opened = Optional.of(withBase(opened.get(), latest.get(), Set.of(part)));
        filled.put(part, key(remote, part));
        remoteChanges.get(part).set("");
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

    /**
     * Time zones for the picker, as labels: those matching {@code query} (city, name, id or
     * offset), with this computer's zone first, then zones of recently edited tasks, then the rest.
     */
    public List<String> zoneSuggestions(String query) {
        Instant now = tasks.now();
        List<ZoneId> recent = tasks.query(TaskQuery.all()).stream()
                .filter(t -> t.due().orElse(null) instanceof Due.Timed)
                .sorted(Comparator.comparing(Task::updatedAt).reversed())
                .map(t -> ((Due.Timed) t.due().orElseThrow()).zone())
                .distinct().limit(RECENT_ZONES).toList();
        String typed = zones().resolve(query).map(z -> ZoneChoices.label(z, now)).filter(label -> label.equals(query.strip())).isPresent()
                ? "" : query;
        return zones().search(typed, tasks.zone(), recent, now).stream().map(ZoneChoices.ZoneOption::label).toList();
    }

    private ZoneChoices zones() {
        if (zoneChoices == null) {
            zoneChoices = new ZoneChoices(tasks.now());
        }
        return zoneChoices;
    }

    // ---- filling and following the stored task

    private void fill(Optional<UUID> id) {
        opened = id.flatMap(tasks::snapshot);
        latest = opened;
        task = opened.flatMap(TaskState::toTask).filter(t -> !t.deleted());
        clearErrors();
        saveMessage.set("");
        theirs.clear();
        remoteChanges.values().forEach(w -> w.set(""));
        hasTask.set(task.isPresent());
        Values values = valuesOf(task);
        for (Part part : Part.values()) {
            set(part, values);
            filled.put(part, key(values, part));
        }
        conflicts.setAll(task.map(t -> tasks.conflicts(t.id())).orElse(List.of()).stream().map(this::describe).toList());
    }

    /** Follows changes to the shown task made anywhere but this editor. */
    private void onTasksChanged(TaskChange change) {
        if (saving || task.isEmpty()) {
            return;
        }
        UUID id = task.get().id();
        if (change.tasks().stream().noneMatch(t -> t.id().equals(id))) {
            return;
        }
        Optional<TaskState> now = tasks.snapshot(id);
        if (now.equals(latest)) {
            return;
        }
        Optional<Task> updated = now.flatMap(TaskState::toTask);
        if (updated.isEmpty() || updated.get().deleted()) {
            fill(Optional.empty());
            updatePreview();
            saveMessage.set("This task was deleted.");
            return;
        }
        Values remote = valuesOf(updated);
        Values mine = current();
        Set<Part> keepBase = EnumSet.noneOf(Part.class);
        filling = true;
        try {
            for (Part part : Part.values()) {
                String before = filled.get(part);
                String after = key(remote, part);
                boolean touched = !key(mine, part).equals(before);
                if (theirs.containsKey(part)) {
                    // Still unresolved: the other value may have moved on again.
                    if (key(mine, part).equals(after)) {
                        theirs.remove(part);
                        remoteChanges.get(part).set("");
                        filled.put(part, after);
                    } else {
                        theirs.put(part, remote);
                        remoteChanges.get(part).set(remoteText(part, remote));
                        keepBase.add(part);
                    }
                } else if (after.equals(before)) {
                    continue;
                } else if (!touched) {
                    set(part, remote);
                    filled.put(part, after);
                } else if (key(mine, part).equals(after)) {
                    filled.put(part, after);
                } else {
                    theirs.put(part, remote);
                    remoteChanges.get(part).set(remoteText(part, remote));
                    keepBase.add(part);
                }
            }
        } finally {
            filling = false;
        }
        TaskState base = opened.orElse(now.get());
        opened = Optional.of(withBase(now.get(), base, keepBase));
        latest = now;
        task = updated;
        conflicts.setAll(tasks.conflicts(id).stream().map(this::describe).toList());
        updatePreview();
    }

    /** {@code state} with the registers (and, for tags, the tag states) of {@code parts} taken from {@code from}. */
    private static TaskState withBase(TaskState state, TaskState from, Set<Part> parts) {
        if (parts.isEmpty()) {
            return state;
        }
        Map<TaskField, Register> fields = new EnumMap<>(TaskField.class);
        fields.putAll(state.fields());
        Map<String, TagState> tagStates = new HashMap<>(state.tags());
        for (Part part : parts) {
            for (TaskField field : part.fields) {
                Register register = from.fields().get(field);
                if (register == null) {
                    fields.remove(field);
                } else {
                    fields.put(field, register);
                }
            }
            if (part == Part.TAGS) {
                tagStates = new HashMap<>(from.tags());
            }
        }
        return new TaskState(state.taskId(), fields, tagStates);
    }

    private Values theirsOrLatest(Part part) {
        return Optional.ofNullable(theirs.get(part)).orElseGet(() -> valuesOf(latest.flatMap(TaskState::toTask)));
    }

    private String remoteText(Part part, Values remote) {
        String value = switch (part) {
            case TITLE -> remote.title();
            case NOTES -> remote.notes().isBlank() ? "(no notes)" : abbreviate(remote.notes().strip().replace('\n', ' '));
            case PRIORITY -> remote.priority().label();
            case TAGS -> remote.tags().isBlank() ? "(no tags)" : remote.tags();
            case DUE -> remote.dueDate().isBlank() ? "(no due date)"
                    : (remote.dueDate() + " " + remote.dueTime()).strip() + (remote.dueTime().isBlank() ? "" : ", " + remote.zone());
            case REMINDER -> remote.reminder() == ReminderChoice.CUSTOM ? remote.reminderAt() : remote.reminder().toString();
            case REPEAT -> remote.preset() == RecurrencePreset.NONE ? "(does not repeat)"
                    : RepeatText.describe(new Recurrence(remote.rule(), remote.fromCompletion()));
        };
        return "Changed on another device to “" + value + "”";
    }

    // ---- editor values

    /** Everything the editor shows, as text. */
    private record Values(String title, String notes, Priority priority, String tags, String dueDate, String dueTime,
                          String zone, ReminderChoice reminder, String reminderAt, RecurrencePreset preset, String rule,
                          boolean fromCompletion) {
    }

    private Values valuesOf(Optional<Task> shown) {
        Optional<Due> due = shown.flatMap(Task::due);
        ZoneId zone = due.filter(Due.Timed.class::isInstance).map(d -> ((Due.Timed) d).zone()).orElse(tasks.zone());
        Optional<Reminder> reminder = shown.flatMap(Task::reminder);
        ReminderChoice choice = ReminderChoice.of(reminder);
        Optional<Recurrence> recurrence = shown.flatMap(Task::recurrence);
        String rule = recurrence.map(Recurrence::rule).orElse("");
        return new Values(
                shown.map(Task::title).orElse(""),
                shown.map(Task::notes).orElse(""),
                shown.map(Task::priority).orElse(Priority.NONE),
                shown.map(t -> String.join(", ", t.tags())).orElse(""),
                due.map(d -> d.date().toString()).orElse(""),
                due.filter(Due.Timed.class::isInstance).map(d -> TIME.format(((Due.Timed) d).time())).orElse(""),
                ZoneChoices.label(zone, tasks.now()),
                choice,
                reminder.flatMap(r -> r.fireTime(due, tasks.zone())).filter(i -> choice == ReminderChoice.CUSTOM)
                        .map(i -> REMINDER_AT.format(i.atZone(tasks.zone()))).orElse(""),
                recurrence.isEmpty() ? RecurrencePreset.NONE : RecurrencePreset.matching(rule).orElse(RecurrencePreset.CUSTOM),
                rule,
                recurrence.map(Recurrence::fromCompletion).orElse(false));
    }

    private Values current() {
        return new Values(title.get(), notes.get(), priority.get(), tagsText.get(), dueDateText.get(), dueTimeText.get(),
                zoneText.get(), reminderChoice.get(), reminderAtText.get(), recurrencePreset.get(), ruleText.get(),
                fromCompletion.get());
    }

    /** The part's value as one comparable text. */
    private static String key(Values v, Part part) {
        return switch (part) {
            case TITLE -> v.title();
            case NOTES -> v.notes();
            case PRIORITY -> String.valueOf(v.priority());
            case TAGS -> Tags.split(v.tags()).toString();
            case DUE -> v.dueDate().strip() + "|" + v.dueTime().strip() + "|" + (v.dueTime().isBlank() ? "" : v.zone().strip());
            case REMINDER -> v.reminder() + "|" + (v.reminder() == ReminderChoice.CUSTOM ? v.reminderAt().strip() : "");
            case REPEAT -> v.preset() == RecurrencePreset.NONE ? "NONE" : v.preset() + "|" + v.rule().strip() + "|" + v.fromCompletion();
        };
    }

    private boolean touched(Part part) {
        return !key(current(), part).equals(filled.get(part));
    }

    private void set(Part part, Values v) {
        switch (part) {
            case TITLE -> title.set(v.title());
            case NOTES -> notes.set(v.notes());
            case PRIORITY -> priority.set(v.priority());
            case TAGS -> tagsText.set(v.tags());
            case DUE -> {
                dueDateText.set(v.dueDate());
                dueTimeText.set(v.dueTime());
                zoneText.set(v.zone());
            }
            case REMINDER -> {
                reminderChoice.set(v.reminder());
                reminderAtText.set(v.reminderAt());
            }
            case REPEAT -> {
                recurrencePreset.set(v.preset());
                ruleText.set(v.rule());
                fromCompletion.set(v.fromCompletion());
            }
        }
    }

    // ---- saving

    private Optional<Task> stored() {
        return task.flatMap(t -> tasks.snapshot(t.id())).flatMap(TaskState::toTask);
    }

    /**
     * The task as edited: touched parts parsed from the fields, untouched ones as stored (so a save
     * writes only what the user changed). Parts in {@code keepStored} are taken as stored too.
     */
    private Optional<Task> edited(List<FieldError> problems, Set<Part> keepStored) {
        Task current = task.orElseThrow();
        Set<Part> edited = EnumSet.noneOf(Part.class);
        for (Part part : Part.values()) {
            if (touched(part) && !keepStored.contains(part)) {
                edited.add(part);
            }
        }
        Optional<Due> due = edited.contains(Part.DUE) ? parseDue(problems) : current.due();
        Optional<Reminder> reminder = edited.contains(Part.REMINDER) ? parseReminder(problems) : current.reminder();
        Optional<Recurrence> recurrence = edited.contains(Part.REPEAT) ? parseRecurrence(problems) : current.recurrence();
        if (!problems.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Task(current.id(),
                    edited.contains(Part.TITLE) ? title.get() : current.title(),
                    edited.contains(Part.NOTES) ? notes.get() : current.notes(),
                    edited.contains(Part.PRIORITY) ? priority.get() : current.priority(),
                    edited.contains(Part.TAGS) ? Tags.split(tagsText.get()) : current.tags(),
                    due, reminder, recurrence,
                    current.series(), current.completedAt(), current.deleted(), current.createdAt(), current.updatedAt()));
        } catch (ValidationException e) {
            problems.addAll(e.errors());
            return Optional.empty();
        }
    }

    /** Saves and shows the stored result: the fields, the base and the flags all start afresh. */
    private void write(Task edited) {
        saving = true;
        try {
            tasks.save(opened.orElseThrow(), edited);
        } finally {
            saving = false;
        }
        UUID id = edited.id();
        String message = saveMessage.get();
        filling = true;
        try {
            fill(Optional.of(id));
        } finally {
            filling = false;
        }
        updatePreview();
        saveMessage.set(message);
    }

    private static Part partOf(String field) {
        return switch (field) {
            case "notes" -> Part.NOTES;
            case "tags" -> Part.TAGS;
            case "due", "zone" -> Part.DUE;
            case "reminder" -> Part.REMINDER;
            case "recurrence" -> Part.REPEAT;
            case "priority" -> Part.PRIORITY;
            default -> Part.TITLE;
        };
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
        Optional<LocalDate> date = parseDate(dateText, problems);
        if (date.isEmpty()) {
            return Optional.empty();
        }
        if (timeText.isEmpty()) {
            return Optional.of(new Due.AllDay(date.get()));
        }
        LocalTime time;
        switch (DateTimeInput.time(timeText)) {
            case DateTimeInput.Read<LocalTime> read -> time = read.value();
            case DateTimeInput.Problem<LocalTime> problem -> {
                problems.add(new FieldError("due", "invalid_time", problem.message()));
                return Optional.empty();
            }
        }
        Optional<ZoneId> zone = parseZone(problems);
        return zone.map(z -> new Due.Timed(LocalDateTime.of(date.get(), time), z));
    }

    /** YYYY-MM-DD, or words quick add understands ("tomorrow", "fri", "dec 5", "15/04"). */
    private Optional<LocalDate> parseDate(String text, List<FieldError> problems) {
        return switch (DateTimeInput.date(text)) {
            case DateTimeInput.Read<LocalDate> read -> Optional.of(read.value());
            case DateTimeInput.Problem<LocalDate> problem -> {
                QuickAdd words = tasks.readQuickAdd(text);
                if (!text.matches("[\\d-]+") && words.title().isEmpty() && words.due().isPresent() && words.recurrence().isEmpty()) {
                    yield Optional.of(words.due().get().date());
                }
                problems.add(new FieldError("due", "invalid_date", problem.message()));
                yield Optional.empty();
            }
        };
    }

    private Optional<ZoneId> parseZone(List<FieldError> problems) {
        String text = zoneText.get().strip();
        if (text.isEmpty()) {
            return Optional.of(tasks.zone());
        }
        // The zones already shown need no search through every zone.
        Optional<ZoneId> shown = java.util.stream.Stream.concat(
                        task.flatMap(Task::due).filter(Due.Timed.class::isInstance).map(d -> ((Due.Timed) d).zone()).stream(),
                        java.util.stream.Stream.of(tasks.zone()))
                .filter(z -> ZoneChoices.label(z, tasks.now()).equals(text) || z.getId().equals(text)).findFirst();
        if (shown.isPresent()) {
            return shown;
        }
        Optional<ZoneId> zone = zones().resolve(text);
        if (zone.isEmpty()) {
            problems.add(new FieldError("zone", "unknown_zone", "Unknown time zone “" + text + "”; pick one from the list or type a city, e.g. Berlin."));
        }
        return zone;
    }

    private Optional<Reminder> parseReminder(List<FieldError> problems) {
        ReminderChoice choice = reminderChoice.get();
        if (choice == ReminderChoice.NONE) {
            return Optional.empty();
        }
        if (choice != ReminderChoice.CUSTOM) {
            return choice.offset().map(Reminder.BeforeDue::new);
        }
        String[] parts = reminderAtText.get().strip().split("\\s+", 2);
        if (parts.length != 2) {
            problems.add(new FieldError("reminder", "invalid_reminder", "Enter the reminder as YYYY-MM-DD HH:MM, e.g. 2026-12-01 08:30."));
            return Optional.empty();
        }
        Optional<LocalDate> date = switch (DateTimeInput.date(parts[0])) {
            case DateTimeInput.Read<LocalDate> read -> Optional.of(read.value());
            case DateTimeInput.Problem<LocalDate> problem -> {
                problems.add(new FieldError("reminder", "invalid_reminder", problem.message()));
                yield Optional.empty();
            }
        };
        Optional<LocalTime> time = switch (DateTimeInput.time(parts[1])) {
            case DateTimeInput.Read<LocalTime> read -> Optional.of(read.value());
            case DateTimeInput.Problem<LocalTime> problem -> {
                problems.add(new FieldError("reminder", "invalid_reminder", problem.message()));
                yield Optional.empty();
            }
        };
        if (date.isEmpty() || time.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Reminder.At(LocalDateTime.of(date.get(), time.get()).atZone(tasks.zone()).toInstant()));
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

    // ---- preview

    private void previewInputChanged() {
        if (!filling) {
            updatePreview();
        }
    }

    private void updatePreview() {
        List<FieldError> ignored = new ArrayList<>();
        Optional<Due> due = parseDue(ignored);
        reminderWhen.set(reminderWhen(reminderChoice.get(), due, dueDateText.get().isBlank()));
        if (due.isEmpty() || ruleText.get().isBlank() || recurrencePreset.get() == RecurrencePreset.NONE) {
            preview.clear();
            return;
        }
        try {
            Recurrence recurrence = new Recurrence(ruleText.get(), fromCompletion.get());
            ZonedDateTime now = tasks.now().atZone(tasks.zone());
            preview.setAll(Occurrences.preview(due.get(), recurrence, PREVIEW_COUNT).stream().map(d -> previewLine(d, now)).toList());
        } catch (ValidationException e) {
            preview.setAll(e.errors().getFirst().message());
        }
    }

    /**
     * Says when a reminder before the due fires, so an all-day task's "15 minutes before" reads as
     * the morning time it is (all-day dues count from {@link Reminder#ALL_DAY_REFERENCE} local time).
     */
    private String reminderWhen(ReminderChoice choice, Optional<Due> due, boolean noDueDate) {
        Optional<Duration> offset = choice.offset();
        if (offset.isEmpty()) {
            return "";
        }
        if (due.isEmpty()) {
            return noDueDate ? "Needs a due date." : "";
        }
        ZonedDateTime at = new Reminder.BeforeDue(offset.get()).fireTime(due, tasks.zone()).orElseThrow().atZone(tasks.zone());
        String when = "Reminds you " + PREVIEW_DAY.format(at) + ", " + TIME.format(at);
        return due.get() instanceof Due.AllDay
                ? when + " (an all-day task counts from " + TIME.format(Reminder.ALL_DAY_REFERENCE) + ")"
                : when;
    }

    /**
     * "Mon 30 Nov 2026", "Mon 30 Nov 2026, 17:00", "Tue 1 Dec 2026, 09:00 New York time (15:00 here)",
     * with "today" or "tomorrow" added when it is.
     */
    static String previewLine(Due due, ZonedDateTime now) {
        String day = PREVIEW_DAY.format(due.date());
        long days = ChronoUnit.DAYS.between(now.toLocalDate(), due.date());
        String relative = days == 0 ? " (today)" : days == 1 ? " (tomorrow)" : "";
        return switch (due) {
            case Due.AllDay ignored -> day + relative;
            case Due.Timed timed -> {
                String at = day + ", " + TIME.format(timed.time());
                if (timed.zone().normalized().equals(now.getZone().normalized())
                        || timed.zone().getRules().getOffset(timed.instant()).equals(now.getZone().getRules().getOffset(timed.instant()))) {
                    yield at + relative;
                }
                ZonedDateTime here = timed.instant().atZone(now.getZone());
                String hereText = TIME.format(here) + (here.toLocalDate().equals(due.date()) ? "" : " " + DueText.relative(
                        new Due.AllDay(here.toLocalDate()), now)) + " here";
                yield at + " " + ZoneChoices.city(timed.zone()) + " time (" + hereText + ")";
            }
        };
    }

    // ---- conflicts and errors

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

    @Override
    public String toString() {
        return "TaskEditorViewModel[" + task.map(Task::id).map(Objects::toString).orElse("none") + "]";
    }
}
