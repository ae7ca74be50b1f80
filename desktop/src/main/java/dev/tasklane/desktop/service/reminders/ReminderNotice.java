package dev.tasklane.desktop.service.reminders;

import java.time.Instant;
import java.util.UUID;

/** A reminder to show: which task, what to say, and whether it was missed while the app was closed. */
public record ReminderNotice(UUID taskId, String title, String body, Instant fireAt, boolean missed) {
}
