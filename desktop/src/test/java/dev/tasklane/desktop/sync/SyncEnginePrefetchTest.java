package dev.tasklane.desktop.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasklane.core.clock.HybridLogicalClock;
import dev.tasklane.core.id.TaskIds;
import dev.tasklane.core.merge.Mutations;
import dev.tasklane.core.merge.TaskState;
import dev.tasklane.core.sync.ChangedTask;
import dev.tasklane.core.sync.SyncResponse;
import dev.tasklane.core.task.Priority;
import dev.tasklane.core.task.Reminder;
import dev.tasklane.core.task.Task;
import dev.tasklane.desktop.TestDesktop;
import dev.tasklane.desktop.store.PreferenceStore;
import dev.tasklane.desktop.sync.client.SyncTransport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A download asks for the next page while it stores the current one, and that changes nothing
 * about what is stored: every page is stored once, in order, and the cursor moves only past pages
 * that are stored — also when storing a page fails while the next one is already on its way, or
 * when the request asked for ahead of time fails. The server side here is a script of five pages
 * of three tasks (the network is this engine's boundary); the device is the real store.
 */
class SyncEnginePrefetchTest {

    private static final int PAGE = 3;
    private static final int PAGES = 5;

    @TempDir
    Path directory;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private TestDesktop desktop;
    private PreferenceStore preferences;
    private final List<TaskState> account = new ArrayList<>();
    /** The cursor of every request the server received, in order. */
    private final List<Long> requested = Collections.synchronizedList(new ArrayList<>());
    /** Counted down when the request for the page at that cursor arrives. */
    private final ConcurrentHashMap<Long, CountDownLatch> arrived = new ConcurrentHashMap<>();
    /** Every task id the store published as changed, in order. */
    private final List<UUID> stored = Collections.synchronizedList(new ArrayList<>());
    private volatile long failRequestAt = -1;

    @BeforeEach
    void open() {
        desktop = new TestDesktop(directory);
        preferences = new PreferenceStore(desktop.database.dataSource());
        HybridLogicalClock server = new HybridLogicalClock(desktop.clock, "server");
        for (int i = 0; i < PAGE * PAGES; i++) {
            Task task = new Task(TaskIds.newTaskId(), "task " + i, "", Priority.NONE, List.of(), Optional.empty(),
                    i == 7 ? Optional.of(new Reminder.At(TestDesktop.START.plusSeconds(86_400))) : Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), false, TestDesktop.START, TestDesktop.START);
            account.add(TaskState.of(Mutations.between(TaskState.empty(task.id()), task, server.tick(), TaskIds.newMutationId())));
        }
        for (long cursor = 0; cursor <= PAGE * PAGES; cursor += PAGE) {
            arrived.put(cursor, new CountDownLatch(1));
        }
        desktop.context.tasks().addListener(change -> change.tasks().forEach(task -> stored.add(task.id())));
    }

    @AfterEach
    void close() {
        executor.shutdownNow();
        desktop.close();
    }

    /** The account's tasks in pages, the cursor counting tasks; request {@link #failRequestAt} fails once. */
    private final SyncTransport server = request -> {
        requested.add(request.cursor());
        arrived.get(request.cursor()).countDown();
        if (request.cursor() == failRequestAt) {
            failRequestAt = -1;
            throw new IOException("connection reset");
        }
        int from = (int) request.cursor();
        int to = Math.min(from + PAGE, account.size());
        List<ChangedTask> changes = new ArrayList<>();
        for (int i = from; i < to; i++) {
            changes.add(new ChangedTask(i + 1, account.get(i)));
        }
        return new SyncResponse(List.of(), List.of(), changes, to, to < account.size(), 0, "epoch-1", account.size() - to);
    };

    private SyncEngine engine() {
        return new SyncEngine(desktop.context.tasks(), preferences, server, "laptop", desktop.clock, executor, status -> { });
    }

    private long storedCursor() {
        return preferences.get(SyncEngine.CURSOR).map(Long::parseLong).orElse(0L);
    }

    private List<UUID> ids(int from, int to) {
        return account.subList(from, to).stream().map(TaskState::taskId).toList();
    }

    @Test
    void downloadAsksForTheNextPageWhileStoringThisOneAndStoresEveryPageOnceInOrder() {
        // Storing a page waits until the next page has been asked for: without the pipeline the
        // engine asks only after storing, and each of these waits would time out.
        List<Boolean> nextAskedWhileStoring = Collections.synchronizedList(new ArrayList<>());
        desktop.context.tasks().addListener(change -> {
            long next = ids(0, account.size()).indexOf(change.tasks().getLast().id()) + 1L;
            if (next < account.size()) {
                try {
                    nextAskedWhileStoring.add(arrived.get(next).await(5, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });

        SyncStatus status = engine().syncNow();

        assertThat(status).isInstanceOf(SyncStatus.Synced.class);
        assertThat(requested).containsExactly(0L, 3L, 6L, 9L, 12L);
        assertThat(nextAskedWhileStoring).containsExactly(true, true, true, true);
        assertThat(stored).containsExactlyElementsOf(ids(0, 15));
        assertThat(storedCursor()).isEqualTo(15);
        assertThat(desktop.context.tasks().size()).isEqualTo(15);
    }

    @Test
    void aPageThatFailsToStoreIsAskedForAgainAndThePageFetchedAheadOfItIsNotStored() {
        // Task 7 (third page) has a reminder; the handler that runs inside the page's transaction
        // fails once, so storing that page rolls back — while the fourth page is already fetched.
        AtomicBoolean failed = new AtomicBoolean();
        UUID poisoned = account.get(7).taskId();
        desktop.context.tasks().onRemindersLearnedFromSync(learned -> {
            if (learned.stream().anyMatch(l -> l.taskId().equals(poisoned)) && failed.compareAndSet(false, true)) {
                throw new IllegalStateException("disk full");
            }
        });

        assertThatThrownBy(() -> engine().syncNow()).hasMessageContaining("disk full");

        assertThat(stored).containsExactlyElementsOf(ids(0, 6));
        assertThat(storedCursor()).isEqualTo(6);
        assertThat(desktop.context.tasks().size()).isEqualTo(6);
        assertThat(requested).containsExactly(0L, 3L, 6L, 9L); // the fourth page was fetched, then dropped

        SyncStatus status = engine().syncNow();

        assertThat(status).isInstanceOf(SyncStatus.Synced.class);
        assertThat(requested).containsExactly(0L, 3L, 6L, 9L, 6L, 9L, 12L);
        assertThat(stored).containsExactlyElementsOf(ids(0, 15));
        assertThat(storedCursor()).isEqualTo(15);
    }

    @Test
    void aFailedRequestForTheNextPageLeavesTheCursorAfterThePagesStored() {
        failRequestAt = 9; // the fourth page's request, sent while the third page is stored

        SyncEngine first = engine();
        SyncStatus offline = first.syncNow();
        first.close(); // its retry in two seconds would ask again on its own

        assertThat(offline).isInstanceOf(SyncStatus.Offline.class);
        assertThat(stored).containsExactlyElementsOf(ids(0, 9));
        assertThat(storedCursor()).isEqualTo(9);

        SyncStatus synced = engine().syncNow();

        assertThat(synced).isInstanceOf(SyncStatus.Synced.class);
        assertThat(requested).containsExactly(0L, 3L, 6L, 9L, 9L, 12L);
        assertThat(stored).containsExactlyElementsOf(ids(0, 15));
        assertThat(storedCursor()).isEqualTo(15);
    }
}
