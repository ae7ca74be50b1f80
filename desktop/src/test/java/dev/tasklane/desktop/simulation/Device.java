package dev.tasklane.desktop.simulation;

import dev.tasklane.core.merge.TaskState;
import dev.tasklane.core.sync.ChangedTask;
import dev.tasklane.core.sync.Rejection;
import dev.tasklane.core.sync.SyncResponse;
import dev.tasklane.desktop.TestDesktop;
import dev.tasklane.desktop.service.tasks.TaskService;
import dev.tasklane.desktop.store.PreferenceStore;
import dev.tasklane.desktop.sync.SyncEngine;
import dev.tasklane.desktop.sync.SyncStatus;
import dev.tasklane.desktop.sync.client.SyncTransport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** One simulated desktop: a real store, task service and sync engine, with a skewed clock and a faulty network. */
final class Device implements AutoCloseable {

    /** What goes wrong during the next sync. */
    /** Where the sync engine keeps the server epoch it last synced with ({@code SyncEngine.EPOCH}). */
    private static final String EPOCH = "sync.epoch";

    enum Fault { NONE, DROP_REQUEST, DROP_RESPONSE, CRASH_AFTER_MERGE, CRASH_AFTER_ACK }

    /** Runs nothing: the simulation drives every sync itself, so a retry scheduled by the engine must not race it. */
    private static final class NoRetries extends ScheduledThreadPoolExecutor {
        NoRetries() {
            super(1);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            return super.schedule(() -> { }, delay, unit);
        }
    }

    private final String name;
    private final Path directory;
    private final Function<Device, SyncTransport> network;
    private final NoRetries executor = new NoRetries();
    private Duration skew;
    private TestDesktop desktop;
    private SyncEngine engine;
    private Fault fault = Fault.NONE;
    /** States this device showed earlier, for editor saves from stale snapshots. */
    final List<TaskState> seen = new ArrayList<>();
    /** Undo entries, newest last. */
    final List<List<TaskService.Edit>> undo = new ArrayList<>();

    Device(String name, Path directory, Duration skew, Function<Device, SyncTransport> network) {
        this.name = name;
        this.directory = directory;
        this.skew = skew;
        this.network = network;
        open();
    }

    private void open() {
        desktop = new TestDesktop(directory);
        engine = new SyncEngine(desktop.context.tasks(), new PreferenceStore(desktop.database.dataSource()), network.apply(this),
                name, desktop.clock, executor, status -> { });
    }

    String name() {
        return name;
    }

    TaskService tasks() {
        return desktop.context.tasks();
    }

    void setTime(Instant serverNow) {
        desktop.clock.set(serverNow.plus(skew));
    }

    void correctClock(Instant serverNow) {
        skew = Duration.ZERO;
        setTime(serverNow);
    }

    /** Quits and starts again on the same data folder (what survives is what was committed). */
    void restart() {
        Instant now = desktop.clock.instant();
        desktop.close();
        open();
        desktop.clock.set(now);
    }

    SyncStatus sync(Fault next) {
        fault = next;
        try {
            return engine.syncNow();
        } finally {
            boolean crashed = fault == Fault.CRASH_AFTER_MERGE || fault == Fault.CRASH_AFTER_ACK;
            fault = Fault.NONE;
            if (crashed) {
                restart();
            }
        }
    }

    /** Called by the network around the real server call; throws where the fault says the exchange broke. */
    void beforeServer() throws IOException {
        if (fault == Fault.DROP_REQUEST) {
            throw new IOException("request lost");
        }
    }

    SyncResponse afterServer(SyncResponse response) throws IOException {
        switch (fault) {
            case DROP_RESPONSE -> throw new IOException("response lost");
            case CRASH_AFTER_MERGE -> {
                tasks().applyRemoteStates(response.changes().stream().map(ChangedTask::state).toList());
                throw new IOException("crashed after the merge, before acknowledging");
            }
            case CRASH_AFTER_ACK -> {
                // The engine's steps up to the acknowledgement, in its order. First the epoch: a
                // device remembers the first one it sees, and a changed one makes it queue a full
                // upload instead of acknowledging anything (this crash then comes before that).
                // Skipping this step once let a device acknowledge changes under an epoch it never
                // stored, so a later restore went unnoticed (found by the 100k-operation soak).
                PreferenceStore preferences = new PreferenceStore(desktop.database.dataSource());
                String known = preferences.get(EPOCH).orElse("");
                if (!known.isEmpty() && !known.equals(response.epoch())) {
                    throw new IOException("crashed before handling a new server epoch");
                }
                preferences.put(EPOCH, response.epoch());
                tasks().applyRemoteStates(response.changes().stream().map(ChangedTask::state).toList());
                if (response.rejected().stream().anyMatch(r -> r.code().equals("clock_ahead"))) {
                    throw new IOException("crashed after the merge, before re-stamping"); // never acknowledged
                }
                tasks().refuse(response.rejected().stream().collect(java.util.stream.Collectors.toMap(Rejection::mutationId, r -> r)));
                tasks().acknowledge(response.applied());
                throw new IOException("crashed after acknowledging, before storing the cursor");
            }
            default -> {
                return response;
            }
        }
    }

    Map<UUID, TaskState> states() {
        return MultiDeviceSimulationTest.readStates(desktop.database.dataSource());
    }

    List<String> conflicts() {
        return MultiDeviceSimulationTest.readConflicts(desktop.database.dataSource());
    }

    @Override
    public void close() {
        executor.shutdownNow();
        desktop.close();
    }
}
