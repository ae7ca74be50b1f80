package dev.tasklane.consumers.reminders;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasklane.consumers.kit.event.TaskEvent;
import dev.tasklane.consumers.kit.handling.EventHandler;
import dev.tasklane.consumers.kit.handling.HandlingFailure;
import dev.tasklane.consumers.reminders.schedule.ReminderSchedule;
import dev.tasklane.consumers.reminders.schedule.ScheduledReminder;
import dev.tasklane.core.task.Due;
import dev.tasklane.core.task.Reminder;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;
import org.redisson.client.RedisException;

/**
 * Keeps the schedule in step with the task events: a created or updated task (re)schedules its
 * reminder with core's rules (at a time, or before the due; all-day dues at 09:00 in
 * {@code zone}, zoned dues DST-correct); completion, deletion or a removed reminder cancels it.
 * Events arrive in per-task order, so the latest state always wins. Idempotent: scheduling the same
 * reminder twice changes nothing, and one already fired is never scheduled again.
 */
public final class ReminderHandler implements EventHandler {

    private final ReminderSchedule schedule;
    private final ZoneId zone;

    public ReminderHandler(ReminderSchedule schedule, ZoneId zone) {
        this.schedule = schedule;
        this.zone = zone;
    }

    @Override
    public void handle(TaskEvent event) {
        switch (event.type()) {
            case TaskEvent.CREATED, TaskEvent.UPDATED, TaskEvent.COMPLETED, TaskEvent.DELETED -> apply(event);
            default -> {
                // reminder.due (our own output), recurring.triggered: nothing to schedule.
            }
        }
    }

    private void apply(TaskEvent event) {
        UUID taskId = event.taskId().orElseThrow(() -> new HandlingFailure.PoisonEvent("event " + event.id() + " has no task id"));
        Optional<JsonNode> task = event.task();
        if (task.isEmpty()) {
            return; // an edit that overtook its create: the create's event brings the whole task
        }
        Optional<ScheduledReminder> reminder = reminderOf(event, taskId, task.get());
        try {
            if (reminder.isPresent()) {
                schedule.schedule(reminder.get());
            } else {
                schedule.cancel(taskId);
            }
        } catch (RedisException e) {
            throw new HandlingFailure.DependencyUnavailable("Redis is unavailable: " + e.getMessage(), e);
        }
    }

    private Optional<ScheduledReminder> reminderOf(TaskEvent event, UUID taskId, JsonNode task) {
        if (task.path("deleted").asBoolean(false) || task.path("completed").asBoolean(false)
                || !task.path("reminder").isTextual()) {
            return Optional.empty();
        }
        UUID userId = event.userId().orElseThrow(() -> new HandlingFailure.PoisonEvent("event " + event.id() + " has no data.userId"));
        try {
            Reminder reminder = Reminder.parse(task.path("reminder").asText());
            Optional<Due> due = task.path("due").isTextual() ? Optional.of(Due.parse(task.path("due").asText())) : Optional.empty();
            Optional<Instant> fireAt = reminder.fireTime(due, zone);
            return fireAt.map(at -> new ScheduledReminder(userId, taskId, task.path("title").asText(), due.map(Due::encode), at));
        } catch (IllegalArgumentException e) {
            throw new HandlingFailure.PoisonEvent("event " + event.id() + " has an unreadable reminder or due: " + e.getMessage(), e);
        }
    }
}
