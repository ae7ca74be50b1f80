package dev.tasklane.desktop.viewmodel;

import dev.tasklane.core.merge.Mutation;
import dev.tasklane.core.task.Task;
import dev.tasklane.desktop.service.tasks.DueText;
import dev.tasklane.desktop.service.tasks.RefusedChange;
import dev.tasklane.desktop.service.tasks.TaskService;
import dev.tasklane.desktop.sync.RefusedChanges;
import dev.tasklane.desktop.sync.SyncStatusService;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * "Not synced": changes the server refused as invalid, kept on this computer with the server's
 * reason until the user decides — Edit opens the task to fix it (the fix syncs as a new change),
 * Discard goes back to the server's value. Nothing leaves this list without the user's say.
 */
public final class NotSyncedViewModel {

    /** One refused change, described for people. */
    public record Item(UUID mutationId, UUID taskId, String taskTitle, String fields, String reason, String refusedAt) {
    }

    // ---- properties
    private final ObservableList<Item> items = FXCollections.observableArrayList();
    private final ObservableList<Item> itemsView = FXCollections.unmodifiableObservableList(items);
    private final ReadOnlyIntegerWrapper count = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);

    // ---- collaborators
    private final TaskService tasks;
    private final Function<UUID, RefusedChanges.Discard> discarder;
    private final Executor background;
    private final Executor uiExecutor;
    private final ZoneId zone;
    private Consumer<UUID> onEdit = id -> { };

    /**
     * @param discarder goes back to the server's value ({@code SyncAccount::discardRefused}); runs on {@code background}
     */
    public NotSyncedViewModel(TaskService tasks, SyncStatusService syncStatus, Function<UUID, RefusedChanges.Discard> discarder,
                              Executor background, Executor uiExecutor, ZoneId zone) {
        this.tasks = tasks;
        this.discarder = discarder;
        this.background = background;
        this.uiExecutor = uiExecutor;
        this.zone = zone;
        // Refusals arrive with a sync.
        syncStatus.addListener(status -> uiExecutor.execute(this::reload));
    }

    public ObservableList<Item> items() {
        return itemsView;
    }

    public ReadOnlyIntegerProperty countProperty() {
        return count.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** True while a discard asks the server. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Where Edit opens the task (the main window selects it in the editor). */
    public void onEdit(Consumer<UUID> action) {
        this.onEdit = action;
    }

    // ---- commands

    public void reload() {
        List<Item> loaded = tasks.refused().stream().map(this::describe).toList();
        items.setAll(loaded);
        count.set(loaded.size());
    }

    /**
     * Opens the task to fix it. The entry leaves the list: the user's fix is a new change that
     * syncs (and, if the server refuses that too, is listed again with the new reason).
     */
    public void edit(Item item) {
        tasks.dismissRefused(item.mutationId());
        reload();
        onEdit.accept(item.taskId());
    }

    /** Goes back to the server's value (asks the server for it, off the UI thread). */
    public void discard(Item item) {
        busy.set(true);
        background.execute(() -> {
            RefusedChanges.Discard outcome = discarder.apply(item.mutationId());
            uiExecutor.execute(() -> {
                busy.set(false);
                message.set(switch (outcome) {
                    case RefusedChanges.Discard.Done done -> "Discarded — “" + item.taskTitle() + "” is back to the server's version";
                    case RefusedChanges.Discard.NotNow notNow -> notNow.reason();
                });
                reload();
            });
        });
    }

    // ---- internals

    private Item describe(RefusedChange refused) {
        String title = tasks.find(refused.taskId()).map(Task::title).orElse("A deleted task");
        String fields = tasks.refusedMutation(refused.mutationId()).map(NotSyncedViewModel::fields).orElse("");
        return new Item(refused.mutationId(), refused.taskId(), title, fields, reason(refused),
                DueText.moment(refused.refusedAt().atZone(zone)));
    }

    private static String fields(Mutation mutation) {
        List<String> names = new java.util.ArrayList<>(mutation.fields().keySet().stream().map(ConflictsViewModel::fieldName).toList());
        if (!mutation.tags().isEmpty()) {
            names.add("Tags");
        }
        return String.join(", ", names);
    }

    /** The server's reason, in words: its message names the problem ("A title is 1 to 500 characters."). */
    private static String reason(RefusedChange refused) {
        return refused.reason().isBlank() ? "The server did not accept this change (" + refused.code() + ")." : refused.reason();
    }
}
