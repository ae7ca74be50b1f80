package dev.tasklane.desktop.viewmodel;

import dev.tasklane.desktop.service.sync.SyncStatus;
import dev.tasklane.desktop.service.sync.TaskHistory;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The editor's History section: loads the shown task's history from the server off the UI thread
 * and turns it into plain lines ("27 Nov 09:14 · Changed from the API — title: Pay rent → Pay the rent").
 * Offline it says so instead, and tries again once a sync succeeds (signing in with a task open, or the
 * network coming back, fills the section without reselecting the task); an answer for a task no longer
 * shown is dropped.
 */
public final class TaskHistoryViewModel {

    static final String OFFLINE = "History loads when you're online.";
    static final String LOADING = "Loading history…";
    static final String EMPTY = "No history yet.";
    private static final int VALUE_MAX = 60;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH);

    // properties
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ObservableList<String> lines = FXCollections.observableArrayList();
    private final ObservableList<String> readOnlyLines = FXCollections.unmodifiableObservableList(lines);

    private final TaskHistory.Source source;
    private final Executor background;
    private final Executor ui;
    private final ZoneId zone;
    private long shown;
    private Optional<UUID> task = Optional.empty();
    private boolean waitingForServer;

    /**
     * @param source     where history comes from (the sync account)
     * @param background runs the blocking load
     * @param ui         applies the result on the UI thread
     */
    public TaskHistoryViewModel(TaskHistory.Source source, Executor background, Executor ui, ZoneId zone) {
        this.source = source;
        this.background = background;
        this.ui = ui;
        this.zone = zone;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ObservableList<String> lines() {
        return readOnlyLines;
    }

    // commands

    /** Shows the history of this task (empty: none selected). */
    public void show(Optional<UUID> taskId) {
        long request = ++shown;
        task = taskId;
        waitingForServer = false;
        lines.clear();
        if (taskId.isEmpty()) {
            message.set("");
            return;
        }
        message.set(LOADING);
        UUID id = taskId.get();
        background.execute(() -> {
            TaskHistory.Result result = source.load(id);
            ui.execute(() -> {
                if (request == shown) {
                    apply(result);
                }
            });
        });
    }

    /** The account's sync state changed: a history that could not reach the server loads again after a successful sync. */
    public void statusChanged(SyncStatus status) {
        if (waitingForServer && status instanceof SyncStatus.Synced) {
            show(task);
        }
    }

    private void apply(TaskHistory.Result result) {
        waitingForServer = !(result instanceof TaskHistory.Result.Loaded);
        switch (result) {
            case TaskHistory.Result.Offline offline -> message.set(OFFLINE);
            case TaskHistory.Result.Unavailable(String reason) -> message.set(reason);
            case TaskHistory.Result.Loaded(List<TaskHistory.Entry> entries) -> {
                message.set(entries.isEmpty() ? EMPTY : "");
                lines.setAll(entries.stream().map(this::line).toList());
            }
        }
    }

    String line(TaskHistory.Entry entry) {
        StringBuilder line = new StringBuilder(TIME.format(entry.time().atZone(zone))).append(" · ").append(label(entry.type()));
        entry.device().map(TaskHistoryViewModel::byWhom).ifPresent(who -> line.append(' ').append(who));
        if (!entry.changes().isEmpty()) {
            line.append(" — ").append(entry.changes().stream()
                    .map(c -> c.field() + ": " + shown(c.from()) + " → " + shown(c.to()))
                    .collect(Collectors.joining("; ")));
        }
        return line.toString();
    }

    private static String label(String type) {
        return switch (type) {
            case "task.created" -> "Created";
            case "task.updated" -> "Changed";
            case "task.completed" -> "Completed";
            case "task.deleted" -> "Deleted";
            case "task.reminder.due" -> "Reminder sent";
            case "task.recurring.triggered" -> "Next occurrence created";
            default -> type;
        };
    }

    private static String byWhom(String device) {
        return switch (device) {
            case "rest" -> "from the API";
            case "recurrence" -> "by the repeat rule";
            default -> "on device " + (device.length() > 8 ? device.substring(0, 8) : device);
        };
    }

    private static String shown(String value) {
        if (value.isEmpty()) {
            return "(none)";
        }
        return value.length() > VALUE_MAX ? value.substring(0, VALUE_MAX - 1) + "…" : value;
    }
}
