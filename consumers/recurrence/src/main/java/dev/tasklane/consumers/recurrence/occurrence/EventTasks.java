package dev.tasklane.consumers.recurrence.occurrence;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasklane.core.task.Due;
import dev.tasklane.core.task.Priority;
import dev.tasklane.core.task.Recurrence;
import dev.tasklane.core.task.Reminder;
import dev.tasklane.core.task.SeriesLink;
import dev.tasklane.core.task.Task;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** Reads the task snapshot of an event (the REST shape of docs/api.md) back into core's {@link Task}. */
public final class EventTasks {

    private EventTasks() {
    }

    /**
     * @throws IllegalArgumentException when the snapshot is not a valid task (core's validation included)
     */
    public static Task read(JsonNode view) {
        try {
            List<String> tags = new ArrayList<>();
            view.path("tags").forEach(tag -> tags.add(tag.asText()));
            return new Task(
                    UUID.fromString(view.path("id").asText()),
                    view.path("title").asText(),
                    view.path("notes").asText(""),
                    Priority.parse(view.path("priority").asText("none")).orElseThrow(
                            () -> new IllegalArgumentException("unknown priority " + view.path("priority"))),
                    tags,
                    optional(view, "due", Due::parse),
                    optional(view, "reminder", Reminder::parse),
                    optional(view, "recurrence", Recurrence::parse),
                    optional(view, "series", SeriesLink::parse),
                    optional(view, "completedAt", Instant::parse),
                    view.path("deleted").asBoolean(false),
                    Instant.parse(view.path("createdAt").asText()),
                    Instant.parse(view.path("updatedAt").asText()));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a valid task snapshot: " + e.getMessage(), e);
        }
    }

    private static <T> Optional<T> optional(JsonNode view, String field, Function<String, T> parse) {
        JsonNode node = view.path(field);
        return node.isTextual() && !node.asText().isEmpty() ? Optional.of(parse.apply(node.asText())) : Optional.empty();
    }
}
