package dev.tasklane.desktop.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasklane.desktop.service.sync.SyncStatus;
import dev.tasklane.desktop.service.sync.TaskHistory;
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
    private final UUID task = UUID.randomUUID();

    @Test
    void offlineItSaysHistoryNeedsTheServer() {
        TaskHistoryViewModel model = new TaskHistoryViewModel(id -> new TaskHistory.Result.Offline(), NOW, NOW, ZoneOffset.UTC);

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
        TaskHistoryViewModel model = new TaskHistoryViewModel(id -> { asked.add(id); return answers.removeFirst(); },
                NOW, NOW, ZoneOffset.UTC);
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
        TaskHistoryViewModel model = new TaskHistoryViewModel(id -> { asked.add(id); return new TaskHistory.Result.Loaded(List.of()); },
                NOW, NOW, ZoneOffset.UTC);
        model.show(Optional.of(task));

        model.statusChanged(new SyncStatus.Synced(Instant.parse("2026-12-01T09:05:00Z"), 0));

        assertThat(asked).containsExactly(task);
    }

    @Test
    void loadedHistoryBecomesReadableLinesNewestFirst() {
        List<TaskHistory.Entry> entries = List.of(
                new TaskHistory.Entry("task.completed", Instant.parse("2026-12-01T10:00:00Z"), Optional.of("rest"),
                        List.of(new TaskHistory.Change("completedAt", "", "2026-12-01T10:00:00Z"))),
                new TaskHistory.Entry("task.updated", Instant.parse("2026-12-01T09:30:00Z"), Optional.of("0190b5a0-aaaa"),
                        List.of(new TaskHistory.Change("title", "Pay rent", "Pay the rent"))));
        TaskHistoryViewModel model = new TaskHistoryViewModel(id -> new TaskHistory.Result.Loaded(entries), NOW, NOW, ZoneOffset.UTC);

        model.show(Optional.of(task));

        assertThat(model.messageProperty().get()).isEmpty();
        assertThat(model.lines()).containsExactly(
                "1 Dec 10:00 · Completed from the API — completedAt: (none) → 2026-12-01T10:00:00Z",
                "1 Dec 09:30 · Changed on device 0190b5a0 — title: Pay rent → Pay the rent");
    }

    @Test
    void aTaskWithoutHistoryYetSaysSo() {
        TaskHistoryViewModel model = new TaskHistoryViewModel(id -> new TaskHistory.Result.Loaded(List.of()), NOW, NOW, ZoneOffset.UTC);

        model.show(Optional.of(task));

        assertThat(model.messageProperty().get()).isEqualTo(TaskHistoryViewModel.EMPTY);
    }

    @Test
    void anAnswerForATaskNoLongerShownIsDropped() {
        List<Runnable> pending = new ArrayList<>();
        TaskHistoryViewModel model = new TaskHistoryViewModel(
                id -> new TaskHistory.Result.Unavailable("late answer for " + id), pending::add, NOW, ZoneOffset.UTC);

        model.show(Optional.of(task));
        model.show(Optional.empty());
        pending.forEach(Runnable::run);

        assertThat(model.messageProperty().get()).isEmpty();
        assertThat(model.lines()).isEmpty();
    }
}
