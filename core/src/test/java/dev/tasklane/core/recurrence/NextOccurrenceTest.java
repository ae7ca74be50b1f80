package dev.tasklane.core.recurrence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasklane.core.id.TaskIds;
import dev.tasklane.core.task.Due;
import dev.tasklane.core.task.Priority;
import dev.tasklane.core.task.Recurrence;
import dev.tasklane.core.task.SeriesLink;
import dev.tasklane.core.task.Task;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NextOccurrenceTest {

    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private final Task weekly = Task.create(UUID.fromString("0190f0a0-0000-7000-8000-000000000001"), "Water plants", NOW)
            .withPriority(Priority.HIGH)
            .withTags(List.of("home"))
            .withDue(Optional.of(new Due.AllDay(LocalDate.of(2026, 12, 1))))
            .withRecurrence(Optional.of(new Recurrence("FREQ=WEEKLY", false)));

    @Test
    void nextOccurrenceCopiesTheTaskToTheNextDateWithADeterministicId() {
        Task next = NextOccurrence.after(weekly, NOW, ZONE, NOW).orElseThrow();
        assertThat(next).isEqualTo(new Task(
                TaskIds.occurrenceId(weekly.id(), 2), "Water plants", "", Priority.HIGH,
                List.of("home"), Optional.of(new Due.AllDay(LocalDate.of(2026, 12, 8))), Optional.empty(),
                weekly.recurrence(), Optional.of(new SeriesLink(weekly.id(), 2)), Optional.empty(), false, NOW, NOW));
    }

    @Test
    void twoDevicesCompletingTheSameOccurrenceCreateTheSameNextTask() {
        Task onLaptop = NextOccurrence.after(weekly, NOW, ZONE, NOW).orElseThrow();
        Task onDesktop = NextOccurrence.after(weekly, NOW.plusSeconds(3600), ZONE, NOW.plusSeconds(3600)).orElseThrow();
        assertThat(onDesktop.id()).isEqualTo(onLaptop.id());
    }

    @Test
    void laterOccurrencesKeepTheSeriesIdOfTheFirst() {
        Task second = NextOccurrence.after(weekly, NOW, ZONE, NOW).orElseThrow();
        Task third = NextOccurrence.after(second, NOW, ZONE, NOW).orElseThrow();
        assertThat(third.series()).contains(new SeriesLink(weekly.id(), 3));
        assertThat(third.id()).isEqualTo(TaskIds.occurrenceId(weekly.id(), 3));
    }

    @Test
    void aTaskWithoutRecurrenceHasNoNextOccurrence() {
        assertThat(NextOccurrence.after(weekly.withRecurrence(Optional.empty()), NOW, ZONE, NOW)).isEmpty();
    }

    @Test
    void aDeviceThatMovedTheDueBeforeCompletingCreatesTheSameNextTaskAsOneThatDidNot() {
        Task moved = weekly.withDue(Optional.of(new Due.AllDay(LocalDate.of(2026, 12, 2))));
        assertThat(NextOccurrence.after(moved, NOW, ZONE, NOW).orElseThrow().id())
                .isEqualTo(NextOccurrence.after(weekly, NOW, ZONE, NOW).orElseThrow().id());
    }

    @Test
    void afterCompletionRulesNameTheNextOccurrenceByNumberSoDifferentCompletionDaysAgree() {
        Task everyThreeDays = weekly.withRecurrence(Optional.of(new Recurrence("FREQ=DAILY;INTERVAL=3", true)));
        Task onMonday = NextOccurrence.after(everyThreeDays, NOW, ZONE, NOW).orElseThrow();
        Instant twoDaysLater = NOW.plus(java.time.Duration.ofDays(2));
        Task onWednesday = NextOccurrence.after(everyThreeDays, twoDaysLater, ZONE, twoDaysLater).orElseThrow();
        assertThat(onWednesday.due()).isNotEqualTo(onMonday.due());
        assertThat(onWednesday.id()).isEqualTo(onMonday.id()).isEqualTo(TaskIds.occurrenceId(weekly.id(), 2));
    }
}
