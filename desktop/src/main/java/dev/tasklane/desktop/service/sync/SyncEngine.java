package dev.tasklane.desktop.service.sync;

import dev.tasklane.core.merge.Mutation;
import dev.tasklane.core.sync.ChangedTask;
import dev.tasklane.core.sync.Rejection;
import dev.tasklane.core.sync.SyncRequest;
import dev.tasklane.core.sync.SyncResponse;
import dev.tasklane.desktop.service.tasks.TaskService;
import dev.tasklane.desktop.store.PreferenceStore;
import dev.tasklane.desktop.sync.SyncClient;
import java.io.IOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps this device in sync with the server: pushes the outbox, merges what others changed,
 * moves the cursor — soon after every local change, periodically, and on demand. Failures
 * (offline, server down) back off exponentially; nothing is lost because the outbox and the
 * cursor only move after the server answered.
 */
public final class SyncEngine implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SyncEngine.class.getName());
    static final String CURSOR = "sync.cursor";
    private static final int PUSH_LIMIT = 500;
    private static final Duration SOON = Duration.ofSeconds(1);
    private static final Duration PERIOD = Duration.ofSeconds(30);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    private final TaskService tasks;
    private final PreferenceStore preferences;
    private final SyncClient client;
    private final String deviceId;
    private final InstantSource time;
    private final ScheduledExecutorService executor;
    private final Consumer<SyncStatus> status;
    private ScheduledFuture<?> next;
    private Duration backoff = Duration.ZERO;
    private long refused;
    /** Counts sync requests, so a change made while a sync runs is not folded into that run. */
    private final java.util.concurrent.atomic.AtomicLong requests = new java.util.concurrent.atomic.AtomicLong();

    public SyncEngine(TaskService tasks, PreferenceStore preferences, SyncClient client, String deviceId, InstantSource time,
                      ScheduledExecutorService executor, Consumer<SyncStatus> status) {
        this.tasks = tasks;
        this.preferences = preferences;
        this.client = client;
        this.deviceId = deviceId;
        this.time = time;
        this.executor = executor;
        this.status = status;
    }

    /** Syncs now, after every local change (debounced) and every 30 s. */
    public void start() {
        tasks.addListener(change -> schedule(SOON));
        executor.scheduleWithFixedDelay(() -> schedule(Duration.ZERO), PERIOD.toMillis(), PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        schedule(Duration.ZERO);
    }

    /** Asks for a sync soon (e.g. on a server-sent hint). */
    public synchronized void schedule(Duration delay) {
        requests.incrementAndGet();
        if (next != null && !next.isDone() && next.getDelay(TimeUnit.MILLISECONDS) <= delay.toMillis()) {
            return;
        }
        if (next != null) {
            next.cancel(false);
        }
        next = executor.schedule(this::syncQuietly, Math.max(delay.toMillis(), backoff.toMillis()), TimeUnit.MILLISECONDS);
    }

    private void syncQuietly() {
        long seen = requests.get();
        try {
            if (syncNow() instanceof SyncStatus.Synced && requests.get() != seen) {
                // Something changed while this run was under way: go again shortly.
                executor.schedule(this::syncQuietly, SOON.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "sync failed", e);
        }
    }

    /**
     * Pushes and pulls until both sides are up to date.
     *
     * @return the resulting status (also reported to the status consumer)
     */
    public synchronized SyncStatus syncNow() {
        long cursor = preferences.get(CURSOR).map(Long::parseLong).orElse(0L);
        try {
            while (true) {
                List<Mutation> pending = tasks.outbox(PUSH_LIMIT);
                status.accept(new SyncStatus.Syncing(pending.size()));
                SyncResponse response = client.sync(new SyncRequest(deviceId, cursor, pending));
                tasks.applyRemoteStates(response.changes().stream().map(ChangedTask::state).toList());
                List<UUID> done = new ArrayList<>(response.applied());
                for (Rejection rejection : response.rejected()) {
                    // A refused change cannot succeed by retrying; keep the reason in the log.
                    LOG.warning("server refused change " + rejection.mutationId() + ": " + rejection.code() + " " + rejection.reason());
                    done.add(rejection.mutationId());
                    refused++;
                }
                tasks.acknowledge(done);
                cursor = response.cursor();
                preferences.put(CURSOR, Long.toString(cursor));
                if (!response.hasMore() && (pending.size() < PUSH_LIMIT || done.isEmpty())) {
                    break;
                }
            }
            backoff = Duration.ZERO;
            SyncStatus synced = new SyncStatus.Synced(time.instant());
            status.accept(synced);
            return synced;
        } catch (IOException | SyncClient.RefusedException e) {
            backoff = backoff.isZero() ? Duration.ofSeconds(2) : min(backoff.multipliedBy(2), MAX_BACKOFF);
            LOG.info("sync unavailable (" + e.getMessage() + "); retrying in " + backoff.toSeconds() + " s");
            SyncStatus offline = new SyncStatus.Offline(tasks.pendingChanges());
            status.accept(offline);
            schedule(backoff);
            return offline;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SyncStatus.Offline(tasks.pendingChanges());
        }
    }

    /** Changes the server refused since start (shown to the user; details in the log). */
    public long refusedChanges() {
        return refused;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public synchronized void close() {
        if (next != null) {
            next.cancel(false);
        }
    }
}
