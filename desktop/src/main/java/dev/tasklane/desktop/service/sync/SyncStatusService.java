package dev.tasklane.desktop.service.sync;

import dev.tasklane.desktop.store.TaskStore;

/**
 * Reports the sync state from the local outbox. The sync engine (the sync-server issue) adds
 * live states here; the status bar reads only this service.
 */
public final class SyncStatusService {

    private final TaskStore store;

    public SyncStatusService(TaskStore store) {
        this.store = store;
    }

    public SyncStatus current() {
        return new SyncStatus.Offline(store.pendingMutations());
    }
}
