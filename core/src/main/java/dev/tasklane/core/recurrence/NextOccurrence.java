package dev.tasklane.core.recurrence;

import dev.tasklane.core.id.TaskIds;
import dev.tasklane.core.task.Due;
import dev.tasklane.core.task.Reminder;
import dev.tasklane.core.task.SeriesLink;
import dev.tasklane.core.task.Task;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;

/**
 * Builds the task that follows a completed occurrence of a recurring task.
 *
 * <p>The new task's id is {@link TaskIds#occurrenceId(UUID, int)} of the series id and the new
 * occurrence number. Whoever creates it — this device offline, another device, or the
 * recurrence service — creates the same id, and stores create it only if absent, so a series
 * never forks into duplicates and a user's edit to an existing occurrence is never overwritten.
 */
public final class NextOccurrence {

    private NextOccurrence() {
    }

    /**
     * The next occurrence of {@code completed}, or empty when it does not repeat or its series has ended.
     *
     * @param completedAt when the user completed it
     * @param localZone   the device's zone (decides the completion day of all-day tasks)
     * @param now         creation time of the new task
     */
    public static Optional<Task> after(Task completed, Instant completedAt, ZoneId localZone, Instant now) {
        if (completed.recurrence().isEmpty() || completed.due().isEmpty()) {
            return Optional.empty();
        }
        SeriesLink link = completed.series().orElse(new SeriesLink(completed.id(), 1));
        Optional<Due> nextDue = Occurrences.next(completed.due().get(), completed.recurrence().get(),
                link.occurrence(), completedAt, localZone);
        return nextDue.map(due -> new Task(
                TaskIds.occurrenceId(link.seriesId(), link.occurrence() + 1),
                completed.title(),
                completed.notes(),
                completed.priority(),
                completed.tags(),
                Optional.of(due),
                completed.reminder().filter(Reminder.BeforeDue.class::isInstance),
                completed.recurrence(),
                Optional.of(new SeriesLink(link.seriesId(), link.occurrence() + 1)),
                Optional.empty(),
                false,
                now,
                now));
    }
}
