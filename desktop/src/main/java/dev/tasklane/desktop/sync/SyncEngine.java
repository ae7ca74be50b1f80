package dev.tasklane.desktop.sync;

import dev.tasklane.core.merge.Mutation;
import dev.tasklane.core.sync.ChangedTask;
import dev.tasklane.core.sync.Rejection;
import dev.tasklane.core.sync.SyncJson;
import dev.tasklane.core.sync.SyncLimits;
import dev.tasklane.core.sync.SyncRequest;
import dev.tasklane.core.sync.SyncResponse;
import dev.tasklane.desktop.service.tasks.TaskService;
import dev.tasklane.desktop.store.PreferenceStore;
import dev.tasklane.desktop.sync.client.SyncClient;
import dev.tasklane.desktop.sync.client.SyncTransport;
import dev.tasklane.desktop.threads.BackgroundPriority;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    static final String EPOCH = "sync.epoch";
    /** When the newest server-detected conflict this device holds was detected (ISO instant). */
    static final String CONFLICTS_SINCE = "sync.conflictsSince";
    private static final int PUSH_LIMIT = 500;
    private static final Duration SOON = Duration.ofSeconds(1);
    private static final Duration PERIOD = Duration.ofSeconds(30);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    /** How often a long download reports its progress. */
    private static final Duration PROGRESS_EVERY = Duration.ofMillis(250);

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
        int rounds = 0;
        boolean cursorAfterRestamp = false;
        long pulled = 0;
        long total = 0; // of a full pull, from its first page
        Instant lastProgress = Instant.MIN;
        Optional<Prefetch> prefetched = Optional.empty();

        try {
            while (true) {
                List<Mutation> pending;
                Exchange exchange;
                if (prefetched.isPresent() && prefetched.get().request().cursor() == cursor) {
                    // The next page, asked for while the previous one was stored. Local changes made
                    // meanwhile go with the request after it.
                    pending = List.of();
                    exchange = prefetched.get().await();
                } else {
                    prefetched.ifPresent(Prefetch::discard);
                    pending = batch(tasks.outbox(PUSH_LIMIT));
                    if (pulled == 0 || !pending.isEmpty()) {
                        status.accept(new SyncStatus.Syncing(pending.size()));
                    }
                    exchange = exchange(new SyncRequest(deviceId, cursor, pending));
                }
                prefetched = Optional.empty();
                SyncResponse response = exchange.response();
                if (epochChanged(response.epoch())) {
                    if (rounds++ > 3) {
                        throw new IOException("the server's database epoch keeps changing; trying again later");
                    }
                    cursor = 0;
                    continue;
                }
                if (response.hasMore() && pending.isEmpty() && response.rejected().isEmpty()) {
                    // A download (nothing pushed, nothing refused, more to come): ask for the next
                    // page now, so the server and the network work while this page is stored. It
                    // is taken only after this page is stored and the cursor moved to where it
                    // starts; if storing fails, it is dropped unused and the next run asks again.
                    prefetched = Optional.of(Prefetch.start(client, new SyncRequest(deviceId, response.cursor(), List.of()), time));
                }
                // One transaction and one index update per page (500 tasks).
                tasks.applyRemoteStates(response.changes().stream().map(ChangedTask::state).toList());
                pulled += response.changes().size();
                if (response.remaining() > 0) {
                    total = pulled + response.remaining();
                }
                if (response.hasMore() && time.instant().isAfter(lastProgress.plus(PROGRESS_EVERY))) {
                    // A few times a second: each update is a status-bar refresh on the UI thread.
                    lastProgress = time.instant();
                    status.accept(new SyncStatus.Downloading(pulled, Math.max(total, pulled)));
                }
                List<UUID> done = new ArrayList<>(response.applied());
                List<UUID> refusedForClock = new ArrayList<>();
                Map<UUID, Rejection> refusedAsInvalid = new LinkedHashMap<>();
                for (Rejection rejection : response.rejected()) {
                    LOG.warning("server refused change " + rejection.mutationId() + ": " + rejection.code() + " " + rejection.reason());
                    if (rejection.code().equals("clock_ahead")) {
                        refusedForClock.add(rejection.mutationId()); // re-stamped below and sent again
                    } else {
                        refusedAsInvalid.put(rejection.mutationId(), rejection); // retrying cannot help: shown to the user
                    }
                }
                if (response.serverTime() > 0) {
                    tasks.adoptServerTime(Instant.ofEpochMilli(response.serverTime()), exchange.sentAt(), exchange.receivedAt(),
                            refusedForClock);
                }
                if (!refusedForClock.isEmpty()) {
                    // A refused value may have won a local merge against another device's value that
                    // the server keeps; the server's state will not change to say so. Pull everything
                    // again so this device merges it back (a join: what it has already is a no-op).
                    cursorAfterRestamp = true;
                }
                tasks.refuse(refusedAsInvalid);
                tasks.acknowledge(done);
                cursor = cursorAfterRestamp ? 0 : response.cursor();
                cursorAfterRestamp = false;
                preferences.put(CURSOR, Long.toString(cursor));
                boolean progressed = !done.isEmpty() || !refusedAsInvalid.isEmpty() || !refusedForClock.isEmpty() && rounds++ < 3;
                if (!response.hasMore() && (pending.isEmpty() || !progressed || tasks.outbox(1).isEmpty())) {
                    break;
                }
            }
            backoff = Duration.ZERO;
            fetchServerConflicts();
            SyncStatus synced = new SyncStatus.Synced(time.instant(), tasks.refusedChanges().size());
            status.accept(synced);
            return synced;
        } catch (SyncClient.RefusedException e) {
            return e.status() == 401 ? signOut() : retryLater(e);
        } catch (IOException e) {
            return retryLater(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SyncStatus.Offline(tasks.pendingChanges());
        } finally {
            // Only when this run ended early (a failure): its page is then never applied, and the
            // run does not return while the request is still under way.
            prefetched.ifPresent(Prefetch::discard);
        }
    }

    /** One request and its answer, with when it was sent and answered (to learn the server's time). */
    private record Exchange(SyncResponse response, Instant sentAt, Instant receivedAt) {
    }

    private Exchange exchange(SyncRequest request) throws IOException, InterruptedException, SyncClient.RefusedException {
        Instant sentAt = time.instant();
        SyncResponse response = client.sync(request);
        return new Exchange(response, sentAt, time.instant());
    }

    /**
     * A pull sent on its own thread while the engine stores the page before it. At most one is
     * under way, and only while the engine waits for nothing else from the server, so the server
     * still sees one request at a time from this device.
     */
    private record Prefetch(SyncRequest request, java.util.concurrent.FutureTask<Exchange> task) {

        static Prefetch start(SyncTransport client, SyncRequest request, InstantSource time) {
            java.util.concurrent.FutureTask<Exchange> task = new java.util.concurrent.FutureTask<>(() -> {
                Instant sentAt = time.instant();
                SyncResponse response = client.sync(request);
                return new Exchange(response, sentAt, time.instant());
            });
            BackgroundPriority.threads("tasklane-sync-prefetch").newThread(task).start();
            return new Prefetch(request, task);
        }

        /** Its answer, or the failure it met, as if the engine had sent it now. */
        Exchange await() throws IOException, InterruptedException, SyncClient.RefusedException {
            try {
                return task.get();
            } catch (java.util.concurrent.ExecutionException e) {
                switch (e.getCause()) {
                    case IOException io -> throw io;
                    case SyncClient.RefusedException refused -> throw refused;
                    case InterruptedException interrupted -> throw interrupted;
                    case RuntimeException runtime -> throw runtime;
                    case Error error -> throw error;
                    default -> throw new IOException(e.getCause());
                }
            }
        }

        /**
         * Drops the answer unused, after waiting for the request to end: never by interrupting
         * it (the transport may be in the local store, where an interrupt closes the file).
         */
        void discard() {
            try {
                task.get();
            } catch (java.util.concurrent.ExecutionException e) {
                LOG.log(Level.FINE, "a pull asked for ahead of time failed; it was not needed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Pulls the conflicts the server detected (a REST edit against a device's, two other devices'
     * — including ones this device had no part in) into the local store, so the inbox shows every
     * conflict of the account. Each run asks only for those detected since the newest it has
     * (usually none), paging forward. A failure here does not fail the sync: the next run asks again.
     */
    private void fetchServerConflicts() throws InterruptedException {
        try {
            for (int page = 0; page < 5; page++) {
                Optional<Instant> since = preferences.get(CONFLICTS_SINCE).filter(s -> !s.isEmpty()).map(Instant::parse);
                Optional<SyncTransport.ServerConflicts> fetched = client.conflicts(since);
                if (fetched.isEmpty()) {
                    return;
                }
                List<SyncTransport.ServerConflict> items = fetched.get().items();
                tasks.recordServerConflicts(items.stream()
                        .map(c -> new dev.tasklane.desktop.service.tasks.KnownConflict(c.conflict(), c.keptBy(), c.lostBy(),
                                c.detectedAt(), true))
                        .toList(), fetched.get().writers());
                Optional<Instant> newest = items.stream().map(SyncTransport.ServerConflict::detectedAt).max(Instant::compareTo);
                newest.ifPresent(at -> preferences.put(CONFLICTS_SINCE, at.toString()));
                // A full page whose newest is where it started (all at one instant) cannot page further.
                if (items.size() < SyncClient.CONFLICT_PAGE || newest.equals(since)) {
                    return;
                }
            }
        } catch (IOException | SyncClient.RefusedException | RuntimeException e) {
            LOG.log(Level.INFO, "could not fetch the server's conflicts; trying again after the next sync", e);
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
     * Whether the server's database epoch differs from the one this device last synced with: the
     * database was restored from a backup, so changes it had acknowledged may be gone. The device
     * then uploads its whole state and pulls everything again; what the server still has merges
     * as a no-op. The first epoch a device sees is just remembered.
     */
    private boolean epochChanged(String epoch) {
        Optional<String> known = preferences.get(EPOCH).filter(e -> !e.isEmpty());
        if (epoch == null || epoch.isEmpty() || known.equals(Optional.of(epoch))) {
            return false;
        }
        if (known.isEmpty()) {
            preferences.put(EPOCH, epoch);
            return false;
        }
        int queued = tasks.queueFullUpload();
        // Only once the upload is queued (it is safe to queue twice): a crash before this line
        // must leave the epoch unseen, or the upload would never happen.
        preferences.put(EPOCH, epoch);
        preferences.put(CURSOR, "0");
        LOG.warning("the server's database was restored (epoch " + known.get() + " → " + epoch + "); uploading " + queued
                + " changes that rebuild this device's tasks, then pulling everything");
        return true;
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
