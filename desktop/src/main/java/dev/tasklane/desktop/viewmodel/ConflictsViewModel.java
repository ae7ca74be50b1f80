package dev.tasklane.desktop.viewmodel;

import dev.tasklane.core.clock.Hlc;
import dev.tasklane.core.merge.Conflict;
import dev.tasklane.core.merge.TaskField;
import dev.tasklane.core.task.Task;
import dev.tasklane.core.task.ValidationException;
import dev.tasklane.desktop.service.tasks.DueText;
import dev.tasklane.desktop.service.tasks.KnownConflict;
import dev.tasklane.desktop.service.tasks.SaveFailedException;
import dev.tasklane.desktop.service.tasks.TaskService;
import dev.tasklane.desktop.sync.SyncStatusService;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The conflicts inbox: every concurrent edit that lost, on any task, whether this device or the
 * server detected it, with who wrote each value ("this device", "another device (Laptop)") and
 * the two commands: keep the current value, or restore the one that lost.
 */
public final class ConflictsViewModel {

    /** One conflict, described for people. */
    public record Item(Conflict conflict, String taskTitle, String field, String keptValue, String keptBy, String lostValue,
                       String lostBy, String detected) {
    }

    // ---- properties
    private final ObservableList<Item> items = FXCollections.observableArrayList();
    private final ObservableList<Item> itemsView = FXCollections.unmodifiableObservableList(items);
    private final ReadOnlyIntegerWrapper count = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

    // ---- collaborators
    private final TaskService tasks;
    private final ZoneId zone;

    public ConflictsViewModel(TaskService tasks, SyncStatusService syncStatus, ZoneId zone, Executor uiExecutor) {
        this.tasks = tasks;
        this.zone = zone;
        // New conflicts arrive with merges (task changes) and with the server's list (after a sync).
        tasks.addListener(change -> uiExecutor.execute(this::reload));
        syncStatus.addListener(status -> uiExecutor.execute(this::reload));
    }

    public ObservableList<Item> items() {
        return itemsView;
    }

    public ReadOnlyIntegerProperty countProperty() {
        return count.getReadOnlyProperty();
    }

    /** What the last command did, or why it could not. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    // ---- commands

    public void reload() {
        String self = tasks.node();
        Map<String, String> names = tasks.writerNames();
        List<Item> loaded = tasks.allConflicts().stream().map(stored -> describe(stored, self, names)).toList();
        items.setAll(loaded);
        count.set(loaded.size());
    }

    /** Keeps the current value: the conflict leaves the inbox. */
    public void keep(Item item) {
        tasks.dismissConflict(item.conflict());
        message.set("Kept “" + abbreviate(item.keptValue()) + "”");
        reload();
    }

    /** Brings back the value that lost, as a new change that syncs like any other. */
    public void restore(Item item) {
        try {
            tasks.restoreConflict(item.conflict());
            message.set("Restored “" + abbreviate(item.lostValue()) + "” as the " + item.field().toLowerCase(java.util.Locale.ROOT));
        } catch (ValidationException e) {
            message.set("Cannot restore: " + e.errors().getFirst().message());
        } catch (SaveFailedException e) {
            message.set("Could not save the restored value. Try again.");
        } catch (IllegalStateException e) {
            message.set("That task is not on this computer yet; it arrives with the next sync.");
        }
        reload();
    }

    // ---- internals

    private Item describe(KnownConflict stored, String self, Map<String, String> names) {
        Conflict conflict = stored.conflict();
        String title = tasks.find(conflict.taskId()).map(Task::title).orElse("A task not on this computer yet");
        return new Item(conflict, title, fieldName(conflict.field()), value(conflict.field(), conflict.keptValue()),
                writer(conflict.keptHlc(), stored.keptBy(), self, names), value(conflict.field(), conflict.lostValue()),
                writer(conflict.lostHlc(), stored.lostBy(), self, names), DueText.moment(stored.detectedAt().atZone(zone)));
    }

    /**
     * Who wrote a value, from the node in its clock: this device's own node, a device the server
     * named, the server's REST API (its replicas stamp with {@code srv-…} nodes), or an unnamed device.
     */
    static String writer(Hlc clock, Optional<String> reportedName, String self, Map<String, String> names) {
        if (clock.node().equals(self)) {
            return "this device";
        }
        Optional<String> name = reportedName.or(() -> Optional.ofNullable(names.get(clock.node())));
        if (name.filter("rest"::equals).isPresent() || name.isEmpty() && clock.node().startsWith("srv-")) {
            return "the web API";
        }
        return name.map(n -> "another device (" + n + ")").orElse("another device");
    }

    static String fieldName(TaskField field) {
        return switch (field) {
            case TITLE -> "Title";
            case NOTES -> "Notes";
            case PRIORITY -> "Priority";
            case DUE -> "Due";
            case REMINDER -> "Reminder";
            case RECURRENCE -> "Repeat";
            case SERIES -> "Series";
            case COMPLETED_AT -> "Completed";
            case DELETED -> "Deleted";
            case CREATED_AT -> "Created";
        };
    }

    private String value(TaskField field, String value) {
        return switch (field) {
            case COMPLETED_AT -> value.isEmpty() ? "not completed" : "completed " + when(value);
            case DELETED -> Boolean.parseBoolean(value) ? "deleted" : "not deleted";
            case PRIORITY -> value.isEmpty() ? "none" : value.charAt(0) + value.substring(1).toLowerCase(java.util.Locale.ROOT);
            default -> value.isEmpty() ? "(empty)" : value;
        };
    }

    private String when(String instant) {
        try {
            return DueText.moment(Instant.parse(instant).atZone(zone));
        } catch (RuntimeException e) {
            return instant;
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 39) + "…";
    }
}
