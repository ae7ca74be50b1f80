package dev.tasklane.consumers.reminders.schedule;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One reminder to fire: whose, which task, when, and what the notice says.
 *
 * @param due the task's due in its text form, when it has one (shown with the notice)
 */
public record ScheduledReminder(UUID userId, UUID taskId, String title, Optional<String> due, Instant fireAt) {

    /**
     * The reminder's key: task and fire time, exactly the desktop's reminder-log key, so a device that
     * already showed it locally does not show it again; a new fire time is a new reminder.
     */
    public String key() {
        return taskId + "@" + fireAt.toEpochMilli();
    }
}
