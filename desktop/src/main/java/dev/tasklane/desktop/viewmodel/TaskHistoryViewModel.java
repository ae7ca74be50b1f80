package dev.tasklane.desktop.viewmodel;

import dev.tasklane.desktop.sync.SyncStatus;
import dev.tasklane.desktop.sync.TaskHistory;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
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
 * Not signed in or offline it says so, and tries again once a sync succeeds (signing in with a task
 * open, or the network coming back, fills the section without reselecting the task). While a task
 * is shown, a change to it (here or synced from elsewhere) refreshes its history after the next
 * successful sync, and — since the audit log takes the change a moment after that sync — again
 * after a short wait while the new entry has not arrived, without waiting for another sync (an
 * idle desktop may not sync again for a long time). An answer for a task no longer shown is dropped.
 */
public final class TaskHistoryViewModel {

    static final String OFFLINE = "History loads when you're online.";
    static final String NOT_SIGNED_IN = "Sign in to sync to see this task's history.";
    static final String LOADING = "Loading history…";
    static final String EMPTY = "No history yet.";
    /**
     * Syncs after a change of the shown task that may still refresh its history: the audit log takes
     * the change a moment after the sync that carried it, so the first refresh can come too early.
     */
    static final int REFRESHES_AFTER_A_CHANGE = 3;
    /** The wait before loading again when a change's entry has not arrived yet (the log is usually a second behind). */
    static final java.time.Duration RETRY_AFTER = java.time.Duration.ofMillis(1_500);
    private static final int DEVICE_MAX = 40;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH);

    // properties
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ObservableList<String> lines = FXCollections.observableArrayList();
    private final ObservableList<String> readOnlyLines = FXCollections.unmodifiableObservableList(lines);

    private final TaskHistory.Source source;
    private final Executor background;
    private final Executor ui;
    private final Executor later;
    private final ZoneId zone;
    private final String thisDevice;
    private long shown;
    private Optional<UUID> task = Optional.empty();
    private boolean waitingForServer;
    private int refreshesLeft;
    private int entriesShown;

    /**
     * @param source     where history comes from (the sync account)
     * @param background runs the blocking load
     * @param ui         applies the result on the UI thread
     * @param thisDevice the name this device signs in with, so its own changes read "on this device"
     */
    public TaskHistoryViewModel(TaskHistory.Source source, Executor background, Executor ui, ZoneId zone, String thisDevice) {
        this(source, background, ui, java.util.concurrent.CompletableFuture.delayedExecutor(
                RETRY_AFTER.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS, background), zone, thisDevice);
    }

    /** @param later runs a task after {@link #RETRY_AFTER} (tests run it when they choose) */
    TaskHistoryViewModel(TaskHistory.Source source, Executor background, Executor ui, Executor later, ZoneId zone, String thisDevice) {
        this.source = source;
        this.background = background;
        this.ui = ui;
        this.later = later;
        this.zone = zone;
        this.thisDevice = thisDevice;
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
        task = taskId;
        waitingForServer = false;
        refreshesLeft = 0;
        entriesShown = 0;
        lines.clear();
        if (taskId.isEmpty()) {
            ++shown;
            message.set("");
            return;
        }
        message.set(LOADING);
        load();
    }

    /** The account's sync state changed: after a successful sync, a history that could not load or may be behind loads again. */
    public void statusChanged(SyncStatus status) {
        if (!(status instanceof SyncStatus.Synced) || task.isEmpty()) {
            return;
        }
        if (waitingForServer) {
            show(task);
        } else if (refreshesLeft > 0) {
            refreshesLeft--;
            load(); // the lines stay until the new ones are there
        }
    }

    /** Tasks changed (edited here, merged from a sync): the shown one's history is refreshed after the next syncs. */
    public void tasksChanged(Collection<UUID> changed) {
        if (task.isPresent() && changed.contains(task.get())) {
            refreshesLeft = REFRESHES_AFTER_A_CHANGE;
        }
    }

    private void load() {
        long request = ++shown;
        UUID id = task.orElseThrow();
        background.execute(() -> {
            TaskHistory.Result result = source.load(id);
            ui.execute(() -> {
                if (request == shown) {
                    apply(result);
                }
            });
        });
    }

    private void apply(TaskHistory.Result result) {
        waitingForServer = !(result instanceof TaskHistory.Result.Loaded);
        switch (result) {
            case TaskHistory.Result.NotSignedIn notSignedIn -> message.set(NOT_SIGNED_IN);
            case TaskHistory.Result.Offline offline -> message.set(OFFLINE);
            case TaskHistory.Result.Unavailable(String reason) -> message.set(reason);
            case TaskHistory.Result.Loaded(List<TaskHistory.Entry> entries) -> {
                if (entries.size() > entriesShown) {
                    refreshesLeft = 0; // the change has arrived
                } else if (refreshesLeft > 0) {
                    refreshesLeft--;
                    retryLater(shown);
                }
                entriesShown = entries.size();
                message.set(entries.isEmpty() ? EMPTY : "");
                lines.setAll(entries.stream().map(this::line).toList());
            }
        }
    }

    /** Loads again after a short wait, unless another load or another task came first. */
    private void retryLater(long request) {
        later.execute(() -> ui.execute(() -> {
            if (request == shown && task.isPresent()) {
                load();
            }
        }));
    }

    String line(TaskHistory.Entry entry) {
        StringBuilder line = new StringBuilder(TIME.format(entry.time().atZone(zone))).append(" · ").append(label(entry.type()));
        entry.device().map(this::byWhom).ifPresent(who -> line.append(' ').append(who));
        boolean created = entry.type().equals("task.created");
        List<String> changes = new ArrayList<>();
        for (TaskHistory.Change change : entry.changes()) {
            Optional<String> field = HistoryValueText.label(change.field());
            // A completion's own timestamp is what "Completed" already says.
            if (field.isEmpty() || (entry.type().equals("task.completed") && change.field().equals("completedAt"))) {
                continue;
            }
            String to = HistoryValueText.value(change.field(), change.to(), zone);
            changes.add(created ? field.get() + ": " + to
                    : field.get() + ": " + HistoryValueText.value(change.field(), change.from(), zone) + " → " + to);
        }
        if (!changes.isEmpty()) {
            line.append(" — ").append(String.join("; ", changes));
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

    private String byWhom(String device) {
        return switch (device) {
            case "rest" -> "from the API";
            case "recurrence" -> "by the repeat rule";
            default -> device.equals(thisDevice) ? "on this device"
                    : "on " + (device.length() > DEVICE_MAX ? device.substring(0, DEVICE_MAX - 1) + "…" : device);
        };
    }
}
