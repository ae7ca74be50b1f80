package dev.tasklane.desktop.service.sync;

import dev.tasklane.core.merge.Mutation;
import dev.tasklane.core.sync.ChangedTask;
import dev.tasklane.core.sync.Rejection;
import dev.tasklane.core.sync.SyncJson;
import dev.tasklane.core.sync.SyncLimits;
import dev.tasklane.core.sync.SyncRequest;
import dev.tasklane.core.sync.SyncResponse;
import dev.tasklane.desktop.service.tasks.TaskService;
import dev.tasklane.desktop.store.PreferenceStore;
import dev.tasklane.desktop.sync.SyncClient;
import dev.tasklane.desktop.sync.SyncTransport;
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
    private final SyncTransport client;
    private final String deviceId;
    private final InstantSource time;
    private final ScheduledExecutorService executor;
    private final Consumer<SyncStatus> status;
    /** Guards {@link #next}: scheduling never waits for a sync run, so the UI thread never waits on the network. */
    private final Object scheduling = new Object();
    /** One sync run at a time. */
    private final java.util.concurrent.locks.ReentrantLock running = new java.util.concurrent.locks.ReentrantLock();
    private final SyncJson json = new SyncJson();
    private ScheduledFuture<?> next;
    private volatile Duration backoff = Duration.ZERO;
    /** Set when the session ended or the engine closed: nothing is scheduled any more. */
    private volatile boolean stopped;
    private volatile Runnable onSignedOut = () -> { };
    private long refused;
    /** Counts sync requests, so a change made while a sync runs is not folded into that run. */
    private final java.util.concurrent.atomic.AtomicLong requests = new java.util.concurrent.atomic.AtomicLong();

    public SyncEngine(TaskService tasks, PreferenceStore preferences, SyncTransport client, String deviceId, InstantSource time,
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

    /** Called once when the server ends the session (the account then offers sign-in again). */
    public void onSignedOut(Runnable action) {
        this.onSignedOut = action;
    }

    /** Asks for a sync soon (e.g. on a server-sent hint). Never blocks: safe on the UI thread. */
    public void schedule(Duration delay) {
        requests.incrementAndGet();
        synchronized (scheduling) {
            if (stopped || next != null && !next.isDone() && next.getDelay(TimeUnit.MILLISECONDS) <= delay.toMillis()) {
                return;
            }
            if (next != null) {
                next.cancel(false);
            }
            next = executor.schedule(this::syncQuietly, Math.max(delay.toMillis(), backoff.toMillis()), TimeUnit.MILLISECONDS);
        }
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
    public SyncStatus syncNow() {
        running.lock();
        try {
            return syncLocked();
        } finally {
            running.unlock();
        }
    }

    private SyncStatus syncLocked() {
        if (stopped) {
            return new SyncStatus.SignedOut(tasks.pendingChanges());
        }
        long cursor = preferences.get(CURSOR).map(Long::parseLong).orElse(0L);
        try {
            while (true) {
                List<Mutation> pending = batch(tasks.outbox(PUSH_LIMIT));
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
                if (!response.hasMore() && (pending.isEmpty() || done.isEmpty() || tasks.outbox(1).isEmpty())) {
                    break;
                }
            }
            backoff = Duration.ZERO;
            SyncStatus synced = new SyncStatus.Synced(time.instant());
            status.accept(synced);
            return synced;
        } catch (SyncClient.RefusedException e) {
            return e.status() == 401 ? signOut() : retryLater(e);
        } catch (IOException e) {
            return retryLater(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SyncStatus.Offline(tasks.pendingChanges());
        }
    }

    /** The session ended: stop syncing, keep the outbox, and say so until the user signs in again. */
    private SyncStatus signOut() {
        stopped = true;
        LOG.info("the server ended this device's session; sync stops until the user signs in again");
        SyncStatus status = new SyncStatus.SignedOut(tasks.pendingChanges());
        this.status.accept(status);
        onSignedOut.run();
        return status;
    }

    private SyncStatus retryLater(Exception e) {
        {
            backoff = backoff.isZero() ? Duration.ofSeconds(2) : min(backoff.multipliedBy(2), MAX_BACKOFF);
            LOG.info("sync unavailable (" + e.getMessage() + "); retrying in " + backoff.toSeconds() + " s");
            SyncStatus offline = new SyncStatus.Offline(tasks.pendingChanges());
            status.accept(offline);
            schedule(backoff);
            return offline;
        }
    }

    /**
     * The oldest pending mutations that fit in one request body, leaving room for the envelope:
     * a batch bounded only by count (500 long notes) would exceed the server's body limit, be
     * refused with 413, and be retried forever. A mutation is at most ~100 KB (title, notes and
     * tags are bounded), so the first always fits.
     */
    private List<Mutation> batch(List<Mutation> pending) {
        long budget = SyncLimits.MAX_BODY_BYTES - 16 * 1024;
        List<Mutation> batch = new ArrayList<>();
        for (Mutation mutation : pending) {
            budget -= json.write(mutation).getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1;
            if (budget < 0 && !batch.isEmpty()) {
                break;
            }
            batch.add(mutation);
        }
        return batch;
    }

    /** Changes the server refused since start (shown to the user; details in the log). */
    public long refusedChanges() {
        return refused;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public void close() {
        synchronized (scheduling) {
            stopped = true;
            if (next != null) {
                next.cancel(false);
            }
        }
    }
}
