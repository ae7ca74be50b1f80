package dev.tasklane.desktop.service.reminders;

import dev.tasklane.desktop.service.tasks.TaskService;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Carries out a reminder action: snoozes move the reminder (a new fire time shows again),
 * complete completes the task (creating a recurring task's next occurrence), open asks the UI
 * to show the task.
 */
public final class ReminderActions implements ReminderActionHandler {

    /** "Tomorrow" means this local time on the next day. */
    public static final LocalTime TOMORROW_AT = LocalTime.of(9, 0);

    private final TaskService tasks;
    private volatile Consumer<UUID> opener = id -> { };

    public ReminderActions(TaskService tasks) {
        this.tasks = tasks;
    }

    /** Sets what "open" does; the UI registers itself once its window exists. */
    public void onOpen(Consumer<UUID> newOpener) {
        this.opener = newOpener;
    }

    @Override
    public void handle(UUID taskId, ReminderAction action) {
        Instant now = tasks.now();
        switch (action) {
            case OPEN -> opener.accept(taskId);
            case SNOOZE_10_MINUTES -> tasks.snooze(taskId, now.plus(Duration.ofMinutes(10)));
            case SNOOZE_1_HOUR -> tasks.snooze(taskId, now.plus(Duration.ofHours(1)));
            case SNOOZE_TOMORROW -> tasks.snooze(taskId,
                    now.atZone(tasks.zone()).toLocalDate().plusDays(1).atTime(TOMORROW_AT).atZone(tasks.zone()).toInstant());
            case COMPLETE -> tasks.complete(taskId);
        }
    }
}
