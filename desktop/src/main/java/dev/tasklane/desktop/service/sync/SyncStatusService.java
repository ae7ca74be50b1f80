package dev.tasklane.desktop.service.sync;

import dev.tasklane.desktop.store.TaskStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * What the status bar says about sync: the sync engine's latest state when an account is
 * connected, otherwise "offline" with the number of changes waiting in the outbox.
 */
public final class SyncStatusService {

    private final TaskStore store;
    private final List<Consumer<SyncStatus>> listeners = new CopyOnWriteArrayList<>();
    private volatile Optional<SyncStatus> live = Optional.empty();

    public SyncStatusService(TaskStore store) {
        this.store = store;
    }

    /** The engine's latest state; "offline" counts pending changes afresh (they change without the engine). */
    public SyncStatus current() {
        return live.filter(status -> !(status instanceof SyncStatus.Offline))
                .orElseGet(() -> new SyncStatus.Offline(store.pendingMutations()));
    }

    /** Called by the sync engine. */
    public void update(SyncStatus status) {
        live = Optional.of(status);
        listeners.forEach(listener -> listener.accept(status));
    }

    public void addListener(Consumer<SyncStatus> listener) {
        listeners.add(listener);
    }
}
