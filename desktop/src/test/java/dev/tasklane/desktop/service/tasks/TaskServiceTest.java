package dev.tasklane.desktop.service.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasklane.core.clock.Hlc;
import dev.tasklane.core.id.TaskIds;
import dev.tasklane.core.merge.Conflict;
import dev.tasklane.core.merge.FieldChange;
import dev.tasklane.core.merge.Mutation;
import dev.tasklane.core.merge.TaskField;
import dev.tasklane.core.task.Due;
import dev.tasklane.core.task.Priority;
import dev.tasklane.core.task.Task;
import dev.tasklane.core.task.ValidationException;
import dev.tasklane.desktop.TestDesktop;
import dev.tasklane.desktop.store.TaskStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskServiceTest {

    @TempDir
    Path directory;
    private TestDesktop desktop;
    private TaskService tasks;
    private TaskStore store;

    @BeforeEach
    void open() {
        desktop = new TestDesktop(directory);
        tasks = desktop.context.tasks();
        store = new TaskStore(desktop.database.dataSource(), TestDesktop.ZONE);
    }

    @AfterEach
    void close() {
        desktop.close();
    }

    @Test
    void quickAddStoresTheTaskAndItsMutationTogether() {
        Task task = tasks.quickAdd("Pay rent tomorrow 9am !high #home every month");
        assertThat(store.find(task.id())).contains(task);
        assertThat(task.due()).contains(new Due.Timed(LocalDateTime.parse("2026-11-27T09:00"), TestDesktop.ZONE));
        List<Mutation> outbox = store.pendingMutations(10);
        assertThat(outbox).hasSize(1);
        assertThat(outbox.getFirst().taskId()).isEqualTo(task.id());
        assertThat(outbox.getFirst().fields()).containsKeys(TaskField.TITLE, TaskField.DUE, TaskField.PRIORITY, TaskField.RECURRENCE);
    }

    @Test
    void aRefusedQuickAddSavesNothing() {
        assertThatThrownBy(() -> tasks.quickAdd("!high #home")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("Enter a title");
        assertThat(store.loadLive()).isEmpty();
        assertThat(store.pendingMutations()).isZero();
    }

    @Test
    void anEditRecordsOnlyTheChangedField() {
        Task task = tasks.quickAdd("Buy milk");
        tasks.update(task.id(), t -> t.withNotes("oat"));
        Mutation edit = store.pendingMutations(10).get(1);
        assertThat(edit.fields().keySet()).containsExactly(TaskField.NOTES);
    }

    @Test
    void savingAnUnchangedTaskWritesNoMutation() {
        Task task = tasks.quickAdd("Buy milk");
        tasks.update(task.id(), t -> t);
        assertThat(store.pendingMutations()).isEqualTo(1);
    }

    @Test
    void completingARecurringTaskCreatesTheNextOccurrenceOnce() {
        Task weekly = tasks.quickAdd("Water plants today every week");
        Completion completion = tasks.complete(weekly.id());
        Task next = completion.next().orElseThrow();
        assertThat(next.id()).isEqualTo(TaskIds.occurrenceId(weekly.id(), 2));
        assertThat(next.due()).contains(new Due.AllDay(LocalDate.of(2026, 12, 3)));

        tasks.reopen(weekly.id());
        tasks.complete(weekly.id());
        List<Task> live = store.loadLive();
        assertThat(live).extracting(Task::id).containsExactlyInAnyOrder(weekly.id(), next.id());
    }

    @Test
    void completingAgainNeverOverwritesAnEditedNextOccurrence() {
        Task weekly = tasks.quickAdd("Water plants today every week");
        Task next = tasks.complete(weekly.id()).next().orElseThrow();
        tasks.update(next.id(), t -> t.withTitle("Water the big plants"));
        tasks.reopen(weekly.id());
        Completion again = tasks.complete(weekly.id());
        assertThat(again.next().map(Task::title)).contains("Water the big plants");
        assertThat(store.find(next.id()).map(Task::title)).contains("Water the big plants");
    }

    @Test
    void deleteIsATombstoneThatRestoreUndoes() {
        Task task = tasks.quickAdd("Buy milk");
        tasks.delete(task.id());
        assertThat(tasks.query(TaskQuery.all())).isEmpty();
        assertThat(store.find(task.id()).map(Task::deleted)).contains(true);
        tasks.revert(List.of(new TaskService.Edit(tasks.snapshot(task.id()).orElseThrow(), task)));
        assertThat(tasks.query(TaskQuery.all())).extracting(Task::id).containsExactly(task.id());
    }

    @Test
    void searchMatchesTitleNotesAndTagsCaseInsensitively() {
        Task milk = tasks.quickAdd("Buy milk #errands");
        Task report = tasks.update(tasks.quickAdd("Write report").id(), t -> t.withNotes("Quarterly MILK numbers"));
        tasks.quickAdd("Call mum");
        assertThat(tasks.query(TaskQuery.all().withText("milk"))).extracting(Task::id).containsExactlyInAnyOrder(milk.id(), report.id());
        assertThat(tasks.query(TaskQuery.all().withText("ERRANDS"))).extracting(Task::id).containsExactly(milk.id());
        assertThat(tasks.query(TaskQuery.all().withText("buy errands"))).extracting(Task::id).containsExactly(milk.id());
    }

    @Test
    void smartListsSplitByDue() {
        Task overdue = tasks.quickAdd("Overdue 2026-11-20");
        Task today = tasks.quickAdd("Standup today");
        Task later = tasks.quickAdd("Later in 3 days");
        Task someday = tasks.quickAdd("Someday");
        tasks.complete(tasks.quickAdd("Finished").id());
        assertThat(tasks.query(TaskQuery.all().withList(SmartList.TODAY))).extracting(Task::id).containsExactly(overdue.id(), today.id());
        assertThat(tasks.query(TaskQuery.all().withList(SmartList.OVERDUE))).extracting(Task::id).containsExactly(overdue.id());
        assertThat(tasks.query(TaskQuery.all().withList(SmartList.UPCOMING))).extracting(Task::id).containsExactly(later.id());
        assertThat(tasks.query(TaskQuery.all())).extracting(Task::id).containsExactly(overdue.id(), today.id(), later.id(), someday.id());
        assertThat(tasks.query(TaskQuery.all().withList(SmartList.COMPLETED))).extracting(Task::title).containsExactly("Finished");
    }

    @Test
    void sortByPriorityThenTitle() {
        tasks.quickAdd("b low !low");
        tasks.quickAdd("a high !high");
        tasks.quickAdd("c none");
        assertThat(tasks.query(TaskQuery.all().withSort(SortOrder.PRIORITY))).extracting(Task::title)
                .containsExactly("a high", "b low", "c none");
        assertThat(tasks.query(TaskQuery.all().withSort(SortOrder.TITLE))).extracting(Task::title)
                .containsExactly("a high", "b low", "c none");
        assertThat(tasks.query(TaskQuery.all().withPriority(Priority.HIGH))).extracting(Task::title).containsExactly("a high");
    }

    @Test
    void countsPerListTagAndPriority() {
        tasks.quickAdd("a #Home !high today");
        tasks.quickAdd("b #home");
        TaskCounts counts = tasks.counts();
        assertThat(counts.lists().get(SmartList.ALL)).isEqualTo(2);
        assertThat(counts.lists().get(SmartList.TODAY)).isEqualTo(1);
        assertThat(counts.tags()).isEqualTo(Map.of("home", new TaskCounts.TagCount("Home", 2)));
        assertThat(counts.priorities().get(Priority.HIGH)).isEqualTo(1);
    }

    @Test
    void aConcurrentRemoteEditIsMergedAndTheLocalLoserCanBeRestored() {
        Task task = tasks.quickAdd("Buy milk");
        Hlc createdAt = store.pendingMutations(1).getFirst().hlc();
        desktop.clock.advance(Duration.ofSeconds(5));
        tasks.update(task.id(), t -> t.withTitle("Buy oat milk"));
        Mutation remote = new Mutation(UUID.randomUUID(), task.id(), new Hlc(desktop.clock.millis() + 60_000, 0, "phone"),
                Map.of(TaskField.TITLE, new FieldChange("Buy soy milk", createdAt)), Map.of());
        assertThat(tasks.applyRemote(List.of(remote))).isEmpty();
        assertThat(tasks.find(task.id()).map(Task::title)).contains("Buy soy milk");
        List<Conflict> conflicts = tasks.conflicts(task.id());
        assertThat(conflicts).extracting(Conflict::lostValue).containsExactly("Buy oat milk");

        tasks.restoreConflict(conflicts.getFirst());
        assertThat(tasks.find(task.id()).map(Task::title)).contains("Buy oat milk");
        assertThat(tasks.conflicts(task.id())).isEmpty();
    }

    @Test
    void anInvalidRemoteMutationIsRefusedAloneAndTheRestApply() {
        Task task = tasks.quickAdd("Buy milk");
        Hlc later = new Hlc(desktop.clock.millis() + 1_000, 0, "phone");
        Mutation bad = new Mutation(UUID.randomUUID(), task.id(), later,
                Map.of(TaskField.PRIORITY, new FieldChange("URGENT", Hlc.ZERO)), Map.of());
        Mutation good = new Mutation(UUID.randomUUID(), task.id(), later,
                Map.of(TaskField.NOTES, new FieldChange("2 litres", Hlc.ZERO)), Map.of());
        Map<UUID, String> refused = tasks.applyRemote(List.of(bad, good));
        assertThat(refused).containsOnlyKeys(bad.mutationId());
        assertThat(tasks.find(task.id()).map(Task::notes)).contains("2 litres");
        assertThat(tasks.find(task.id()).map(Task::priority)).contains(Priority.NONE);
    }

    @Test
    void tasksSurviveARestart() {
        Task task = tasks.quickAdd("Buy milk #errands tomorrow");
        desktop.close();
        desktop = new TestDesktop(directory);
        assertThat(desktop.context.tasks().query(TaskQuery.all())).containsExactly(task);
        assertThat(Optional.of(desktop.context.tasks().size())).contains(1);
    }
}
