package dev.tasklane.desktop.service.tasks;

import java.time.Instant;
import java.util.UUID;

/** A reminder fire time this device learned from another device through sync (a new task, or a changed reminder or due). */
public record LearnedReminder(UUID taskId, Instant fireAt) {
}
