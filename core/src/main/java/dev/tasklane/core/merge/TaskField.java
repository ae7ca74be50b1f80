package dev.tasklane.core.merge;

import dev.tasklane.core.task.Due;
import dev.tasklane.core.task.Priority;
import dev.tasklane.core.task.Recurrence;
import dev.tasklane.core.task.Reminder;
import dev.tasklane.core.task.SeriesLink;
import dev.tasklane.core.task.Task;
import dev.tasklane.core.task.TaskLimits;
import dev.tasklane.core.task.PlainText;
import dev.tasklane.core.task.ValidationException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;

/**
 * The fields of a task that replicate as independent last-writer-wins registers, with their text
 * encodings. The empty string means "not set" for optional fields. Tags are not here: they merge
 * per element (see {@link TagState}).
 */
public enum TaskField {
    TITLE("title", Task::title),
    NOTES("notes", Task::notes),
    PRIORITY("priority", task -> task.priority().name()),
    DUE("due", task -> task.due().map(Due::encode).orElse("")),
    REMINDER("reminder", task -> task.reminder().map(Reminder::encode).orElse("")),
    RECURRENCE("recurrence", task -> task.recurrence().map(Recurrence::encode).orElse("")),
    SERIES("series", task -> task.series().map(SeriesLink::encode).orElse("")),
    COMPLETED_AT("completedAt", task -> task.completedAt().map(Instant::toString).orElse("")),
    DELETED("deleted", task -> Boolean.toString(task.deleted())),
    CREATED_AT("createdAt", task -> task.createdAt().toString());

    private final String wireName;
    private final Function<Task, String> reader;

    TaskField(String wireName, Function<Task, String> reader) {
        this.wireName = wireName;
        this.reader = reader;
    }

    /** The name used in the sync protocol and in error bodies, e.g. {@code completedAt}. */
    public String wireName() {
        return wireName;
    }

    /** This field's encoded value in {@code task}. */
    public String read(Task task) {
        return reader.apply(task);
    }

    /** The field with this wire name. */
    public static Optional<TaskField> byWireName(String name) {
        for (TaskField field : values()) {
            if (field.wireName.equals(name)) {
                return Optional.of(field);
            }
        }
        return Optional.empty();
    }

    /**
     * Checks that {@code value} is a valid encoding for this field, on its own.
     *
     * @throws ValidationException naming this field and the problem
     */
    public void validate(String value) {
        if (!PlainText.problem(value).isEmpty()) {
            throw fail("invalid_text", "The value " + PlainText.problem(value));
        }
        try {
            switch (this) {
                case TITLE -> {
                    String title = value.strip();
                    if (title.isEmpty() || title.length() > TaskLimits.TITLE_MAX) {
                        throw fail("invalid_title", "A title is 1 to " + TaskLimits.TITLE_MAX + " characters.");
                    }
                }
                case NOTES -> {
                    if (value.length() > TaskLimits.NOTES_MAX) {
                        throw fail("too_long", "Notes are at most " + TaskLimits.NOTES_MAX + " characters.");
                    }
                }
                case PRIORITY -> Priority.parse(value)
                        .orElseThrow(() -> fail("invalid_priority", "Priority is none, low, medium or high."));
                case DUE -> optional(value, Due::parse);
                case REMINDER -> optional(value, Reminder::parse);
                case RECURRENCE -> optional(value, Recurrence::parse);
                case SERIES -> optional(value, SeriesLink::parse);
                case COMPLETED_AT -> optional(value, Instant::parse);
                case DELETED -> {
                    if (!value.equals("true") && !value.equals("false")) {
                        throw fail("invalid_boolean", "deleted is true or false.");
                    }
                }
                case CREATED_AT -> Instant.parse(value);
            }
        } catch (ValidationException e) {
            throw e;
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw fail("invalid_value", e.getMessage() == null ? "invalid value" : e.getMessage());
        }
    }

    private ValidationException fail(String code, String message) {
        return ValidationException.of(wireName, code, message);
    }

    private static void optional(String value, Function<String, ?> parser) {
        if (!value.isEmpty()) {
            parser.apply(value);
        }
    }
}
