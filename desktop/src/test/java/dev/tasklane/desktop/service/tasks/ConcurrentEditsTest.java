package dev.tasklane.desktop.service.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasklane.core.clock.Hlc;
import dev.tasklane.core.id.TaskIds;
import dev.tasklane.core.merge.Mutations;
import dev.tasklane.core.merge.TaskField;
import dev.tasklane.core.merge.TaskState;
import dev.tasklane.core.task.Task;
import dev.tasklane.desktop.TestDesktop;
import dev.tasklane.desktop.viewmodel.MainViewModel;
import dev.tasklane.desktop.viewmodel.TaskEditorViewModel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What another device changes while this one looks at a task stays changed: saves from an open
 * editor, undo and local writes after a restart never silently revert it.
 */
class ConcurrentEditsTest {

    @TempDir
    Path directory;
    private TestDesktop desktop;
    private TaskService tasks;

    @BeforeEach
    void open() {
        desktop = new TestDesktop(directory);
        tasks = desktop.context.tasks();
    }

    @AfterEach
    void close() {
        desktop.close();
    }

    /** Another device ("phone") edits the task as it is stored here, with a clock {@code ahead} of this device's. */
    private void phoneEdits(UUID id, UnaryOperator<Task> change, Duration ahead) {
        TaskState state = tasks.snapshot(id).orElseThrow();
        Hlc hlc = new Hlc(desktop.clock.instant().plus(ahead).toEpochMilli(), 0, "phone");
        tasks.applyRemoteStates(List.of(TaskState.of(Mutations.between(state, change.apply(state.toTask().orElseThrow()), hlc,
                TaskIds.newMutationId()))));
    }

    @Test
    void savingFromAnEditorOpenedEarlierKeepsWhatAnotherDeviceChangedMeanwhile() {
        Task task = tasks.quickAdd("Buy milk");
        TaskEditorViewModel editor = desktop.context.editorViewModel();
        editor.show(Optional.of(task.id()));

        phoneEdits(task.id(), t -> t.withNotes("2 litres").withCompletedAt(Optional.of(desktop.clock.instant())), Duration.ofSeconds(1));
        desktop.clock.advance(Duration.ofSeconds(5));
        editor.titleProperty().set("Buy oat milk");
        assertThat(editor.save()).isTrue();

        Task saved = tasks.find(task.id()).orElseThrow();
        assertThat(saved.title()).isEqualTo("Buy oat milk");
        assertThat(saved.notes()).isEqualTo("2 litres");
        assertThat(saved.completed()).isTrue();
        assertThat(tasks.conflicts(task.id())).isEmpty();
    }

    @Test
    void savingAFieldAnotherDeviceChangedMeanwhileKeepsTheirValueAsAConflict() {
        Task task = tasks.quickAdd("Buy milk");
        TaskEditorViewModel editor = desktop.context.editorViewModel();
        editor.show(Optional.of(task.id()));

        // The user is typing when the phone's edit of the same field arrives: the editor flags it,
        // and saving without choosing keeps the phone's value as a conflict.
        editor.titleProperty().set("Buy oat milk");
        phoneEdits(task.id(), t -> t.withTitle("Buy soy milk"), Duration.ofSeconds(1));
        desktop.clock.advance(Duration.ofSeconds(5));
        assertThat(editor.remoteChangeProperty(TaskEditorViewModel.Part.TITLE).get()).isNotEmpty();
        assertThat(editor.save()).isTrue();

        assertThat(tasks.find(task.id()).orElseThrow().title()).isEqualTo("Buy oat milk");
        assertThat(tasks.conflicts(task.id())).singleElement().satisfies(conflict -> {
            assertThat(conflict.field()).isEqualTo(TaskField.TITLE);
            assertThat(conflict.lostValue()).isEqualTo("Buy soy milk");
        });
    }

    @Test
    void anEditThatArrivedBeforeTheUserTypedIsShownSoTypingOverItReplacesItKnowingly() {
        Task task = tasks.quickAdd("Buy milk");
        TaskEditorViewModel editor = desktop.context.editorViewModel();
        editor.show(Optional.of(task.id()));

        phoneEdits(task.id(), t -> t.withTitle("Buy soy milk"), Duration.ofSeconds(1));
        assertThat(editor.titleProperty().get()).isEqualTo("Buy soy milk");
        desktop.clock.advance(Duration.ofSeconds(5));
        editor.titleProperty().set("Buy oat milk");
        assertThat(editor.save()).isTrue();

        assertThat(tasks.find(task.id()).orElseThrow().title()).isEqualTo("Buy oat milk");
        assertThat(tasks.conflicts(task.id())).isEmpty();
    }

    @Test
    void undoingADeleteWritesBackOnlyTheDeletedFlag() {
        MainViewModel main = desktop.context.mainViewModel();
        Task task = tasks.quickAdd("Buy milk");
        main.delete(task.id());
        phoneEdits(task.id(), t -> t.withNotes("from the phone"), Duration.ofSeconds(1));
        desktop.clock.advance(Duration.ofSeconds(5));

        main.undo();

        Task undone = tasks.find(task.id()).orElseThrow();
        assertThat(undone.deleted()).isFalse();
        assertThat(undone.notes()).isEqualTo("from the phone");
    }

    @Test
    void undoNeverRevertsAChangeThatArrivedTheMomentAfterTheAction() {
        MainViewModel main = desktop.context.mainViewModel();
        Task task = tasks.quickAdd("Buy milk");
        // A background merge lands right after the delete commits, before the view model has
        // finished the action: the listener runs exactly there.
        java.util.concurrent.atomic.AtomicBoolean once = new java.util.concurrent.atomic.AtomicBoolean();
        tasks.addListener(change -> {
            if (change.tasks().stream().anyMatch(Task::deleted) && once.compareAndSet(false, true)) {
                phoneEdits(task.id(), t -> t.withTitle("Buy oat milk"), Duration.ofSeconds(1));
            }
        });
        main.delete(task.id());
        desktop.clock.advance(Duration.ofSeconds(5));

        main.undo();

        Task undone = tasks.find(task.id()).orElseThrow();
        assertThat(undone.deleted()).isFalse();
        assertThat(undone.title()).isEqualTo("Buy oat milk");
    }

    @Test
    void aLocalEditAfterARestartWinsOverTheOlderValueItReplacesEvenWhenTheOtherClockRanAhead() {
        Task task = tasks.quickAdd("Buy milk");
        phoneEdits(task.id(), t -> t.withTitle("Buy soy milk"), Duration.ofMinutes(3));
        desktop.close();
        desktop = new TestDesktop(directory);
        tasks = desktop.context.tasks();

        tasks.update(task.id(), t -> t.withTitle("Buy oat milk"));

        assertThat(tasks.find(task.id()).orElseThrow().title()).isEqualTo("Buy oat milk");
        assertThat(tasks.conflicts(task.id())).isEmpty();
    }

    @Test
    void localEditsAndBackgroundMergesOfTheSameTaskNeverOverwriteEachOther() throws Exception {
        // Two threads change tasks here: the view models' updates go to one thread, as they go to
        // the JavaFX thread in the app (run on each changing thread, two refreshes would race).
        java.util.concurrent.ExecutorService ui = java.util.concurrent.Executors.newSingleThreadExecutor();
        desktop.close();
        desktop = new TestDesktop(directory, ui);
        tasks = desktop.context.tasks();
        Task task = tasks.quickAdd("Buy milk");
        int rounds = 150;
        Thread phone = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < rounds; i++) {
                int n = i;
                phoneEdits(task.id(), t -> t.withNotes("phone " + n), Duration.ofSeconds(1 + n));
            }
        });
        for (int i = 0; i < rounds; i++) {
            int n = i;
            tasks.update(task.id(), t -> t.withTitle("laptop " + n));
        }
        phone.join();
        TaskState state = tasks.snapshot(task.id()).orElseThrow();
        assertThat(state.fields().get(TaskField.NOTES).value()).isEqualTo("phone " + (rounds - 1));
        assertThat(state.fields().get(TaskField.TITLE).value()).isEqualTo("laptop " + (rounds - 1));
        ui.shutdown();
        assertThat(ui.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void completingReopeningAndCompletingAnAfterCompletionRepeatOnAnotherDayLeavesOneNextOccurrence() {
        Task plants = tasks.quickAdd("Water plants today");
        Task repeating = tasks.update(plants.id(), t -> t.withRecurrence(Optional.of(new dev.tasklane.core.task.Recurrence("FREQ=DAILY;INTERVAL=3", true))));
        tasks.complete(repeating.id());
        desktop.clock.advance(Duration.ofDays(1));
        tasks.reopen(repeating.id());
        tasks.complete(repeating.id());

        List<Task> open = tasks.query(TaskQuery.all()).stream().filter(t -> !t.completed()).toList();
        assertThat(open).singleElement().satisfies(next -> assertThat(next.series().orElseThrow().occurrence()).isEqualTo(2));
    }

    @Test
    void aRemoteStateThatBreaksARuleSpanningFieldsMergesIntoAValidTask() {
        Task task = tasks.quickAdd("Water plants tomorrow every week");
        TaskState seen = tasks.snapshot(task.id()).orElseThrow();
        desktop.clock.advance(Duration.ofSeconds(1));
        tasks.update(task.id(), t -> t.withRecurrence(Optional.empty()).withDue(Optional.empty()));
        // The phone, which never saw that, changes the repeat rule.
        Hlc later = new Hlc(Instant.parse("2026-11-26T09:00:05Z").toEpochMilli(), 0, "phone");
        tasks.applyRemoteStates(List.of(TaskState.of(Mutations.between(seen,
                task.withRecurrence(Optional.of(new dev.tasklane.core.task.Recurrence("FREQ=DAILY", false))), later, TaskIds.newMutationId()))));

        Task merged = tasks.find(task.id()).orElseThrow();
        assertThat(merged.due()).isEmpty();
        assertThat(merged.recurrence()).isEmpty();
        assertThat(tasks.snapshot(task.id()).orElseThrow().setAside()).extracting(TaskState.SetAside::field).containsExactly("recurrence");
    }
}
