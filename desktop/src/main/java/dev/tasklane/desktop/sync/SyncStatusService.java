package dev.tasklane.desktop.sync;

import dev.tasklane.desktop.service.tasks.DueText;
import dev.tasklane.desktop.store.TaskStore;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * What the status bar says about sync: the sync engine's latest state while an account is
 * connected (with the account, the last sync time and what is pending), otherwise that nothing
 * syncs and changes stay on this computer.
 */
public final class SyncStatusService {

    private final TaskStore store;
    private final ZoneId zone;
    private final List<Consumer<SyncStatus>> listeners = new CopyOnWriteArrayList<>();
    private volatile Optional<SyncStatus> live = Optional.empty();
    private volatile Optional<String> account = Optional.empty();
    private volatile Optional<Instant> lastSynced = Optional.empty();

    /** @param zone the zone the last sync time is shown in */
    public SyncStatusService(TaskStore store, ZoneId zone) {
        this.store = store;
        this.zone = zone;
    }

    /** The current state; pending counts are read afresh (they change without the engine). */
    public SyncStatus current() {
        if (account.isEmpty() && !(live.orElse(null) instanceof SyncStatus.SignedOut)) {
            return new SyncStatus.NotSignedIn(store.pendingMutations());
        }
        return live.filter(status -> !(status instanceof SyncStatus.Offline))
                .orElseGet(() -> new SyncStatus.Offline(store.pendingMutations()));
    }

    /**
     * The whole status bar sentence: before sign-in "Not syncing — changes stay on this computer";
     * signed in, the state, the account's email, the last sync time and the pending count.
     */
    public String describe() {
        SyncStatus status = current();
        if (status instanceof SyncStatus.NotSignedIn || status instanceof SyncStatus.SignedOut) {
            return status.describe();
        }
        StringBuilder text = new StringBuilder(status.describe());
        account.ifPresent(email -> text.append(" · ").append(email));
        lastSynced.ifPresent(at -> text.append(" · last sync ").append(DueText.time(at.atZone(zone))));
        long pending = store.pendingMutations();
        if (!(status instanceof SyncStatus.Offline)) {
            text.append(" · ").append(pending == 0 ? "nothing pending" : pending + " pending");
        }
        return text.toString();
    }

    /** The signed-in account's email, or empty once signed out. */
    public Optional<String> account() {
        return account;
    }

    /** Called by the account when it signs in or out. */
    public void accountChanged(Optional<String> email) {
        account = email;
        if (email.isEmpty()) {
            live = Optional.empty();
            lastSynced = Optional.empty();
        }
        SyncStatus now = current();
        listeners.forEach(listener -> listener.accept(now));
    }

    /** Called by the sync engine. */
    public void update(SyncStatus status) {
        live = Optional.of(status);
        if (status instanceof SyncStatus.Synced synced) {
            lastSynced = Optional.of(synced.at());
        }
        listeners.forEach(listener -> listener.accept(status));
    }

    public void addListener(Consumer<SyncStatus> listener) {
        listeners.add(listener);
    }
}
