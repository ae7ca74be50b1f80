package dev.tasklane.consumers.kit.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One task event as the consumers see it: the CloudEvents attributes they use and the JSON data.
 *
 * @param id      the CloudEvent id: deterministic (per user mutation, or per reminder fire), so it is the dedupe key
 * @param type    e.g. {@code task.completed}
 * @param subject the task id as text
 * @param time    when the change was made
 * @param data    the event data object (userId, taskId, task, changedFields, …)
 */
public record TaskEvent(String id, String type, String subject, Instant time, JsonNode data) {

    public static final String CREATED = "task.created";
    public static final String UPDATED = "task.updated";
    public static final String COMPLETED = "task.completed";
    public static final String DELETED = "task.deleted";
    public static final String REMINDER_DUE = "task.reminder.due";
    public static final String RECURRING_TRIGGERED = "task.recurring.triggered";

    public TaskEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(data, "data");
    }

    /** The owner of the task, from {@code data.userId}. */
    public Optional<UUID> userId() {
        return uuid("userId");
    }

    /** The task, from {@code data.taskId} (falls back to the subject). */
    public Optional<UUID> taskId() {
        return uuid("taskId").or(() -> parseUuid(subject));
    }

    /** The task snapshot after the change ({@code data.task}), when the event carries one. */
    public Optional<JsonNode> task() {
        JsonNode task = data.path("task");
        return task.isObject() ? Optional.of(task) : Optional.empty();
    }

    private Optional<UUID> uuid(String field) {
        JsonNode node = data.path(field);
        return node.isTextual() ? parseUuid(node.asText()) : Optional.empty();
    }

    private static Optional<UUID> parseUuid(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
