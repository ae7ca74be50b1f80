package dev.tasklane.desktop.service.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasklane.core.task.Reminder;
import dev.tasklane.core.task.Task;
import dev.tasklane.desktop.TestDesktop;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReminderSchedulerTest {

    /** Records what would have popped up; the OS boundary is the only fake here. */
    static final class RecordingNotifier implements Notifier {
        final List<ReminderNotice> shown = new CopyOnWriteArrayList<>();

        @Override
        public void show(ReminderNotice notice) {
            shown.add(notice);
        }

        @Override
        public String name() {
            return "recording";
        }
    }

    @TempDir
    Path directory;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private TestDesktop desktop;

    @AfterEach
    void close() {
        executor.shutdownNow();
        desktop.close();
    }

    private ReminderScheduler scheduler(RecordingNotifier notifier) {
        return new ReminderScheduler(desktop.context.tasks(), desktop.context.reminderLog(), notifier, desktop.clock,
                executor, Duration.ofDays(7), Duration.ofSeconds(30));
    }

    private Task withReminderIn(String title, Duration fromNow) {
        Task task = desktop.context.tasks().quickAdd(title + " tomorrow 18:00");
        return desktop.context.tasks().update(task.id(), t -> t.withReminder(Optional.of(new Reminder.At(desktop.clock.instant().plus(fromNow)))));
    }

    @Test
    void aReminderFiresAtItsTimeAndOnlyOnce() {
        desktop = new TestDesktop(directory);
        RecordingNotifier notifier = new RecordingNotifier();
        ReminderScheduler scheduler = scheduler(notifier);
        Task task = withReminderIn("Call Bob", Duration.ofMinutes(10));
        assertThat(scheduler.fireDue()).isZero();
        desktop.clock.advance(Duration.ofMinutes(10));
        assertThat(scheduler.fireDue()).isEqualTo(1);
        assertThat(scheduler.fireDue()).isZero();
        assertThat(notifier.shown).extracting(ReminderNotice::taskId, ReminderNotice::missed).containsExactly(
                org.assertj.core.groups.Tuple.tuple(task.id(), false));
    }

    @Test
    void aRestartDoesNotRepeatAShownReminder() {
        desktop = new TestDesktop(directory);
        withReminderIn("Call Bob", Duration.ofMinutes(1));
        desktop.clock.advance(Duration.ofMinutes(1));
        scheduler(new RecordingNotifier()).fireDue();
        Instant now = desktop.clock.instant();
        desktop.close();

        desktop = new TestDesktop(directory);
        desktop.clock.set(now.plusSeconds(5));
        RecordingNotifier afterRestart = new RecordingNotifier();
        assertThat(scheduler(afterRestart).fireDue()).isZero();
        assertThat(afterRestart.shown).isEmpty();
    }

    @Test
    void aReminderMissedWhileClosedIsShownOnceMarkedMissed() {
        desktop = new TestDesktop(directory);
        Task task = withReminderIn("Pay rent", Duration.ofHours(1));
        Instant closedAt = desktop.clock.instant();
        desktop.close();

        desktop = new TestDesktop(directory);
        desktop.clock.set(closedAt.plus(Duration.ofHours(5)));
        RecordingNotifier notifier = new RecordingNotifier();
        ReminderScheduler scheduler = scheduler(notifier);
        scheduler.fireDue();
        scheduler.fireDue();
        assertThat(notifier.shown).singleElement().satisfies(notice -> {
            assertThat(notice.taskId()).isEqualTo(task.id());
            assertThat(notice.missed()).isTrue();
            assertThat(notice.body()).startsWith("Missed while Tasklane was closed.");
        });
    }

    @Test
    void snoozingShowsTheReminderAgainLater() {
        desktop = new TestDesktop(directory);
        RecordingNotifier notifier = new RecordingNotifier();
        ReminderScheduler scheduler = scheduler(notifier);
        Task task = withReminderIn("Stretch", Duration.ZERO);
        scheduler.fireDue();
        desktop.context.reminderActions().handle(task.id(), ReminderAction.SNOOZE_10_MINUTES);
        desktop.clock.advance(Duration.ofMinutes(9));
        assertThat(scheduler.fireDue()).isZero();
        desktop.clock.advance(Duration.ofMinutes(1));
        assertThat(scheduler.fireDue()).isEqualTo(1);
        assertThat(notifier.shown).hasSize(2);
    }

    @Test
    void completingFromTheReminderCompletesTheTask() {
        desktop = new TestDesktop(directory);
        Task task = withReminderIn("Stretch", Duration.ZERO);
        desktop.context.reminderActions().handle(task.id(), ReminderAction.COMPLETE);
        assertThat(desktop.context.tasks().find(task.id()).map(Task::completed)).contains(true);
    }

    @Test
    void snoozeUntilTomorrowMeansNineInTheMorning() {
        desktop = new TestDesktop(directory);
        Task task = withReminderIn("Stretch", Duration.ZERO);
        desktop.context.reminderActions().handle(task.id(), ReminderAction.SNOOZE_TOMORROW);
        assertThat(desktop.context.tasks().find(task.id()).flatMap(Task::reminder))
                .contains(new Reminder.At(Instant.parse("2026-11-27T08:00:00Z")));
    }

    @Test
    void theRunningSchedulerFiresWithoutBeingAsked() throws Exception {
        desktop = new TestDesktop(directory);
        RecordingNotifier notifier = new RecordingNotifier();
        ReminderScheduler scheduler = scheduler(notifier);
        scheduler.start();
        withReminderIn("Now", Duration.ofSeconds(-1));
        for (int i = 0; i < 50 && notifier.shown.isEmpty(); i++) {
            Thread.sleep(50);
        }
        scheduler.close();
        assertThat(notifier.shown).hasSize(1);
    }

    @Test
    void aServerReminderForATaskCompletedOrDeletedHereIsNotShown() {
        desktop = new TestDesktop(directory);
        RecordingNotifier notifier = new RecordingNotifier();
        ReminderScheduler scheduler = scheduler(notifier);
        Task done = withReminderIn("Call Bob", Duration.ofMinutes(1));
        Task gone = withReminderIn("Call Ann", Duration.ofMinutes(1));
        desktop.context.tasks().complete(done.id());
        desktop.context.tasks().delete(gone.id());
        desktop.clock.advance(Duration.ofMinutes(1));
        Instant fireAt = desktop.clock.instant();

        assertThat(scheduler.showDelivered(done.id(), "Call Bob", fireAt)).isFalse();
        assertThat(scheduler.showDelivered(gone.id(), "Call Ann", fireAt)).isFalse();
        assertThat(notifier.shown).isEmpty();
    }

    // ---- reminders that reach this device through sync

    /** Another device with its own store; what it has reaches this device as replicated task states. */
    private TestDesktop otherDevice() {
        TestDesktop other = new TestDesktop(directory.resolve("other-device"));
        other.clock.set(desktop.clock.instant());
        return other;
    }

    private void syncFrom(TestDesktop other, Task task) {
        desktop.context.tasks().applyRemoteStates(List.of(other.context.tasks().snapshot(task.id()).orElseThrow()));
    }

    private static Task withReminderAt(TestDesktop device, String line, Instant at) {
        Task task = device.context.tasks().quickAdd(line);
        return device.context.tasks().update(task.id(), t -> t.withReminder(Optional.of(new Reminder.At(at))));
    }

    @Test
    void aTaskFirstSeenThroughSyncAfterItsReminderFiredShowsNoMissedPopupOnlyACount() {
        desktop = new TestDesktop(directory.resolve("this-device"));
        RecordingNotifier notifier = new RecordingNotifier();
        ReminderScheduler scheduler = scheduler(notifier);
        List<Integer> told = new CopyOnWriteArrayList<>();
        scheduler.onQuietlySkipped(told::add);
        try (TestDesktop other = otherDevice()) {
            Task task = withReminderAt(other, "Call Bob tomorrow 18:00", desktop.clock.instant().minus(Duration.ofHours(3)));
            syncFrom(other, task);
        }
        assertThat(scheduler.fireDue()).isZero();
        assertThat(notifier.shown).isEmpty();
        assertThat(scheduler.quietlySkipped()).isEqualTo(1);
        assertThat(told).containsExactly(1);
    }

    @Test
    void aDeviceThatSignsInShowsNoneOfTheRemindersThatFiredBeforeItHadTheTasks() {
        desktop = new TestDesktop(directory.resolve("this-device"));
        RecordingNotifier notifier = new RecordingNotifier();
        ReminderScheduler scheduler = scheduler(notifier);
        try (TestDesktop other = otherDevice()) {
            Instant now = desktop.clock.instant();
            List<dev.tasklane.core.merge.TaskState> account = new java.util.ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                Task task = withReminderAt(other, "Old task " + i + " tomorrow", now.minus(Duration.ofDays(i)));
                account.add(other.context.tasks().snapshot(task.id()).orElseThrow());
            }
            desktop.context.tasks().applyRemoteStates(account);
        }
        scheduler.fireDue();
        assertThat(notifier.shown).isEmpty();
        assertThat(scheduler.quietlySkipped()).isEqualTo(5);
    }

    @Test
    void aReminderLearnedThroughSyncBeforeItsTimeStillFires() {
        desktop = new TestDesktop(directory.resolve("this-device"));
        RecordingNotifier notifier = new RecordingNotifier();
        ReminderScheduler scheduler = scheduler(notifier);
        Task task;
        try (TestDesktop other = otherDevice()) {
            task = withReminderAt(other, "Call Bob tomorrow 18:00", desktop.clock.instant().plus(Duration.ofMinutes(5)));
            syncFrom(other, task);
        }
        desktop.clock.advance(Duration.ofMinutes(5));
        assertThat(scheduler.fireDue()).isEqualTo(1);
        assertThat(notifier.shown).extracting(ReminderNotice::taskId, ReminderNotice::missed)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(task.id(), false));
    }

    @Test
    void aReminderThisDeviceHadButMissedWhileClosedStillShowsMissedWhenSyncChangesTheTask() {
        desktop = new TestDesktop(directory.resolve("this-device"));
        RecordingNotifier notifier = new RecordingNotifier();
        ReminderScheduler scheduler = scheduler(notifier);
        Task mine = withReminderAt(desktop, "Pay rent tomorrow", desktop.clock.instant().plus(Duration.ofHours(1)));
        try (TestDesktop other = otherDevice()) {
            other.context.tasks().applyRemoteStates(List.of(desktop.context.tasks().snapshot(mine.id()).orElseThrow()));
            other.clock.advance(Duration.ofHours(5));
            other.context.tasks().update(mine.id(), t -> t.withTitle("Pay the rent"));
            desktop.clock.advance(Duration.ofHours(5));
            syncFrom(other, mine);
        }
        scheduler.fireDue();
        assertThat(notifier.shown).singleElement().satisfies(notice -> {
            assertThat(notice.title()).isEqualTo("Pay the rent");
            assertThat(notice.missed()).isTrue();
        });
        assertThat(scheduler.quietlySkipped()).isZero();
    }

    @Test
    void aServerReminderForATaskThisDeviceHasNotSeenYetIsNotAMissedPopup() {
        desktop = new TestDesktop(directory.resolve("this-device"));
        RecordingNotifier notifier = new RecordingNotifier();
        ReminderScheduler scheduler = scheduler(notifier);
        java.util.UUID unknown = java.util.UUID.randomUUID();
        assertThat(scheduler.showDelivered(unknown, "Call Bob", desktop.clock.instant().minus(Duration.ofHours(2)))).isFalse();
        assertThat(notifier.shown).isEmpty();
        assertThat(scheduler.quietlySkipped()).isEqualTo(1);
        // On time, the same unknown task's reminder does pop up (with the title the server sent).
        assertThat(scheduler.showDelivered(unknown, "Call Bob", desktop.clock.instant())).isTrue();
        assertThat(notifier.shown).extracting(ReminderNotice::title).containsExactly("Call Bob");
    }

    @Test
    void aReminderFiredLocallyAndPushedByTheServerShowsOncePerDeviceInEitherOrder() {
        desktop = new TestDesktop(directory);
        RecordingNotifier notifier = new RecordingNotifier();
        ReminderScheduler scheduler = scheduler(notifier);
        Task local = withReminderIn("Local first", Duration.ofMinutes(1));
        Task pushed = withReminderIn("Server first", Duration.ofMinutes(1));
        Instant fireAt = desktop.clock.instant().plus(Duration.ofMinutes(1));
        desktop.clock.advance(Duration.ofMinutes(1));
        assertThat(scheduler.showDelivered(pushed.id(), "Server first", fireAt)).isTrue();
        assertThat(scheduler.fireDue()).isEqualTo(1);
        assertThat(scheduler.showDelivered(local.id(), "Local first", fireAt)).isFalse();
        assertThat(notifier.shown).extracting(ReminderNotice::title).containsExactlyInAnyOrder("Server first", "Local first");
    }
}
