package dev.tasklane.desktop.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasklane.desktop.sync.SyncStatus;
import dev.tasklane.desktop.sync.TaskHistory;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class TaskHistoryViewModelTest {

    private static final Executor NOW = Runnable::run;
    /** A task's first entry, as the API's create writes it. */
    private static final TaskHistory.Entry CREATED = new TaskHistory.Entry("task.created", Instant.parse("2026-12-01T09:00:00Z"),
            Optional.of("rest"), List.of());
    private final UUID task = UUID.randomUUID();
    /** What the model asked to run after its short wait; a test runs it when it chooses. */
    private final List<Runnable> later = new ArrayList<>();

    private TaskHistoryViewModel create(TaskHistory.Source source, Executor background, Executor ui, java.time.ZoneId zone,
                                        String thisDevice) {
        return new TaskHistoryViewModel(source, background, ui, later::add, zone, thisDevice);
    }

    @Test
    void aChangeWhoseEntryReachesTheLogAfterTheSyncShowsWithoutWaitingForAnotherSync() {
        // Seen in a walk-through: the editor saved a change, the sync carried it, the history loaded
        // at once — before the audit log had it — and an idle desktop showed the old history until
        // some later sync.
        TaskHistory.Entry noted = new TaskHistory.Entry("task.updated", Instant.parse("2026-12-01T09:05:00Z"), Optional.of("rest"),
                List.of(new TaskHistory.Change("notes", "", "ask about Sunday")));
        List<List<TaskHistory.Entry>> answers = new ArrayList<>(List.of(List.of(CREATED), List.of(CREATED), List.of(CREATED),
                List.of(noted, CREATED)));
        TaskHistoryViewModel model = create(id -> new TaskHistory.Result.Loaded(answers.removeFirst()), NOW, NOW, ZoneOffset.UTC,
                "Tasklane on laptop");
        model.show(Optional.of(task));

        model.tasksChanged(List.of(task));
        model.statusChanged(new SyncStatus.Synced(Instant.parse("2026-12-01T09:05:01Z"), 0)); // too early for the log
        assertThat(model.lines()).hasSize(1);
        assertThat(later).as("a retry is planned").hasSize(1);
        later.removeFirst().run(); // still not there
        assertThat(model.lines()).hasSize(1);
        later.removeFirst().run();

        assertThat(model.lines()).hasSize(2).first().asString().contains("notes: ");
        assertThat(later).as("the entry arrived: no more retries").isEmpty();
    }

    @Test
    void aRetryPlannedForATaskNoLongerShownDoesNothing() {
        List<UUID> asked = new ArrayList<>();
        TaskHistoryViewModel model = create(id -> { asked.add(id); return new TaskHistory.Result.Loaded(List.of()); }, NOW, NOW,
                ZoneOffset.UTC, "Tasklane on laptop");
        model.show(Optional.of(task));
        model.tasksChanged(List.of(task));
        model.statusChanged(new SyncStatus.Synced(Instant.parse("2026-12-01T09:05:01Z"), 0));
        assertThat(later).hasSize(1);

        UUID other = UUID.randomUUID();
        model.show(Optional.of(other));
        later.removeFirst().run();

        assertThat(asked).containsExactly(task, task, other);
    }

    @Test
    void offlineItSaysHistoryNeedsTheServer() {
        TaskHistoryViewModel model = create(id -> new TaskHistory.Result.Offline(), NOW, NOW, ZoneOffset.UTC,
                "Tasklane on laptop");

        model.show(Optional.of(task));

        assertThat(model.messageProperty().get()).isEqualTo(TaskHistoryViewModel.OFFLINE);
        assertThat(model.lines()).isEmpty();
    }

    @Test
    void historyShownOfflineLoadsAfterTheFirstSuccessfulSync() {
        List<TaskHistory.Result> answers = new ArrayList<>(List.of(new TaskHistory.Result.Offline(),
                new TaskHistory.Result.Loaded(List.of(new TaskHistory.Entry("task.created", Instant.parse("2026-12-01T09:00:00Z"),
                        Optional.of("rest"), List.of())))));
        List<UUID> asked = new ArrayList<>();
        TaskHistoryViewModel model = create(id -> { asked.add(id); return answers.removeFirst(); },
                NOW, NOW, ZoneOffset.UTC, "Tasklane on laptop");
        model.show(Optional.of(task));

        model.statusChanged(new SyncStatus.Syncing(0));
        assertThat(model.messageProperty().get()).isEqualTo(TaskHistoryViewModel.OFFLINE);
        model.statusChanged(new SyncStatus.Synced(Instant.parse("2026-12-01T09:05:00Z"), 0));

        assertThat(asked).containsExactly(task, task);
        assertThat(model.messageProperty().get()).isEmpty();
        assertThat(model.lines()).containsExactly("1 Dec 09:00 · Created from the API");
    }

    @Test
    void aLoadedHistoryIsNotFetchedAgainOnEverySync() {
        List<UUID> asked = new ArrayList<>();
        TaskHistoryViewModel model = create(id -> { asked.add(id); return new TaskHistory.Result.Loaded(List.of()); },
                NOW, NOW, ZoneOffset.UTC, "Tasklane on laptop");
        model.show(Optional.of(task));

        model.statusChanged(new SyncStatus.Synced(Instant.parse("2026-12-01T09:05:00Z"), 0));

        assertThat(asked).containsExactly(task);
    }

    @Test
    void loadedHistoryBecomesReadableLinesNewestFirst() {
        List<TaskHistory.Entry> entries = List.of(
                new TaskHistory.Entry("task.completed", Instant.parse("2026-12-01T10:00:00Z"), Optional.of("rest"),
                        List.of(new TaskHistory.Change("completedAt", "", "2026-12-01T10:00:00Z"))),
                new TaskHistory.Entry("task.updated", Instant.parse("2026-12-01T09:30:00Z"), Optional.of("Tasklane on desk (work)"),
                        List.of(new TaskHistory.Change("title", "Pay rent", "Pay the rent"),
                                new TaskHistory.Change("due", "2026-12-01", "2026-12-01T09:00[America/New_York]"),
                                new TaskHistory.Change("reminder", "", "before:PT15M"),
                                new TaskHistory.Change("recurrence", "", "FREQ=MONTHLY"),
                                new TaskHistory.Change("priority", "NONE", "HIGH"))),
                new TaskHistory.Entry("task.created", Instant.parse("2026-12-01T09:00:00Z"), Optional.of("Tasklane on laptop"),
                        List.of(new TaskHistory.Change("title", "", "Pay rent"), new TaskHistory.Change("due", "", "2026-12-01"),
                                new TaskHistory.Change("createdAt", "", "2026-12-01T09:00:00.123456789Z"))));
        TaskHistoryViewModel model = create(id -> new TaskHistory.Result.Loaded(entries), NOW, NOW, ZoneOffset.UTC,
                "Tasklane on laptop");

        model.show(Optional.of(task));

        assertThat(model.messageProperty().get()).isEmpty();
        assertThat(model.lines()).containsExactly(
                "1 Dec 10:00 · Completed from the API",
                "1 Dec 09:30 · Changed on Tasklane on desk (work) — title: Pay rent → Pay the rent; "
                        + "due: 1 Dec 2026 → 1 Dec 2026, 14:00 (09:00 New York time); reminder: (none) → 15 min before; "
                        + "repeat: (none) → every month; priority: (none) → high",
                "1 Dec 09:00 · Created on this device — title: Pay rent; due: 1 Dec 2026");
    }

    @Test
    void notSignedInItAsksForASignInNotForANetwork() {
        TaskHistoryViewModel model = create(id -> new TaskHistory.Result.NotSignedIn(), NOW, NOW, ZoneOffset.UTC,
                "Tasklane on laptop");

        model.show(Optional.of(task));

        assertThat(model.messageProperty().get()).isEqualTo(TaskHistoryViewModel.NOT_SIGNED_IN);
    }

    @Test
    void aChangeOfTheShownTaskRefreshesItsHistoryAfterSyncsUntilTheNewEntryArrives() {
        TaskHistory.Entry renamed = new TaskHistory.Entry("task.updated", Instant.parse("2026-12-01T09:05:00Z"), Optional.of("rest"),
                List.of(new TaskHistory.Change("title", "a", "b")));
        List<List<TaskHistory.Entry>> answers = new ArrayList<>(List.of(List.of(CREATED), List.of(CREATED),
                List.of(renamed, CREATED), List.of(renamed, CREATED)));
        List<UUID> asked = new ArrayList<>();
        TaskHistoryViewModel model = create(
                id -> { asked.add(id); return new TaskHistory.Result.Loaded(answers.removeFirst()); }, NOW, NOW, ZoneOffset.UTC,
                "Tasklane on laptop");
        model.show(Optional.of(task));
        Instant at = Instant.parse("2026-12-01T09:05:01Z");

        model.statusChanged(new SyncStatus.Synced(at, 0));
        assertThat(asked).as("nothing changed: no reload").hasSize(1);
        model.tasksChanged(List.of(UUID.randomUUID()));
        model.statusChanged(new SyncStatus.Synced(at, 0));
        assertThat(asked).as("another task changed: no reload").hasSize(1);

        model.tasksChanged(List.of(task));
        model.statusChanged(new SyncStatus.Synced(at, 0)); // the audit log has not got it yet
        assertThat(model.lines()).hasSize(1);
        model.statusChanged(new SyncStatus.Synced(at, 0));
        assertThat(model.lines()).hasSize(2).first().asString().startsWith("1 Dec 09:05 · Changed from the API");
        model.statusChanged(new SyncStatus.Synced(at, 0));

        assertThat(asked).as("no more reloads once the change is there").hasSize(3);
    }

    @Test
    void aTaskWithoutHistoryYetSaysSo() {
        TaskHistoryViewModel model = create(id -> new TaskHistory.Result.Loaded(List.of()), NOW, NOW, ZoneOffset.UTC,
                "Tasklane on laptop");

        model.show(Optional.of(task));

        assertThat(model.messageProperty().get()).isEqualTo(TaskHistoryViewModel.EMPTY);
    }

    @Test
    void anAnswerForATaskNoLongerShownIsDropped() {
        List<Runnable> pending = new ArrayList<>();
        TaskHistoryViewModel model = create(
                id -> new TaskHistory.Result.Unavailable("late answer for " + id), pending::add, NOW, ZoneOffset.UTC,
                "Tasklane on laptop");

        model.show(Optional.of(task));
        model.show(Optional.empty());
        pending.forEach(Runnable::run);

        assertThat(model.messageProperty().get()).isEmpty();
        assertThat(model.lines()).isEmpty();
    }
}
