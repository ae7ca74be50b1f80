package dev.tasklane.core.task;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A task as the user sees it. A {@code Task} is always valid: the constructor trims and
 * normalizes, and throws {@link ValidationException} listing every broken rule.
 *
 * <p>Completion is one value ({@code completedAt}) so "completed" and "when" can never disagree.
 * Deletion is a tombstone ({@code deleted}) so that it syncs like any other change.
 */
public record Task(
        UUID id,
        String title,
        String notes,
        Priority priority,
        List<String> tags,
        Optional<Due> due,
        Optional<Reminder> reminder,
        Optional<Recurrence> recurrence,
        Optional<SeriesLink> series,
        Optional<Instant> completedAt,
        boolean deleted,
        Instant createdAt,
        Instant updatedAt) {

    public Task {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(due, "due");
        Objects.requireNonNull(reminder, "reminder");
        Objects.requireNonNull(recurrence, "recurrence");
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(completedAt, "completedAt");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        title = Objects.requireNonNull(title, "title").strip();
        notes = Objects.requireNonNull(notes, "notes");
        tags = List.copyOf(Tags.normalize(tags));

        List<FieldError> errors = new ArrayList<>();
        if (title.isEmpty()) {
            errors.add(new FieldError("title", "required", "Enter a title."));
        } else if (title.length() > TaskLimits.TITLE_MAX) {
            errors.add(new FieldError("title", "too_long",
                    "The title is " + title.length() + " characters; the limit is " + TaskLimits.TITLE_MAX + "."));
        }
        if (!PlainText.problem(title).isEmpty()) {
            errors.add(new FieldError("title", "invalid_text", "The title " + PlainText.problem(title)));
        }
        if (!PlainText.problem(notes).isEmpty()) {
            errors.add(new FieldError("notes", "invalid_text", "The notes " + PlainText.problem(notes)));
        }
        if (notes.length() > TaskLimits.NOTES_MAX) {
            errors.add(new FieldError("notes", "too_long",
                    "The notes are " + notes.length() + " characters; the limit is " + TaskLimits.NOTES_MAX + "."));
        }
        if (tags.size() > TaskLimits.TAGS_MAX) {
            errors.add(new FieldError("tags", "too_many",
                    "A task can have at most " + TaskLimits.TAGS_MAX + " tags; this one has " + tags.size() + "."));
        }
        for (String tag : tags) {
            String problem = Tags.problem(tag);
            if (!problem.isEmpty()) {
                errors.add(new FieldError("tags", "invalid_tag", problem));
                break;
            }
        }
        if (reminder.orElse(null) instanceof Reminder.BeforeDue && due.isEmpty()) {
            errors.add(new FieldError("reminder", "needs_due", "A reminder before the due time needs a due date."));
        }
        if (recurrence.isPresent() && due.isEmpty()) {
            errors.add(new FieldError("recurrence", "needs_due", "A repeating task needs a due date."));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    /** A new, open task with only a title, created now. */
    public static Task create(UUID id, String title, Instant now) {
        return new Task(id, title, "", Priority.NONE, List.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), false, now, now);
    }

    public boolean completed() {
        return completedAt.isPresent();
    }

    public Task withTitle(String newTitle) {
        return new Task(id, newTitle, notes, priority, tags, due, reminder, recurrence, series, completedAt, deleted, createdAt, updatedAt);
    }

    public Task withNotes(String newNotes) {
        return new Task(id, title, newNotes, priority, tags, due, reminder, recurrence, series, completedAt, deleted, createdAt, updatedAt);
    }

    public Task withPriority(Priority newPriority) {
        return new Task(id, title, notes, newPriority, tags, due, reminder, recurrence, series, completedAt, deleted, createdAt, updatedAt);
    }

    public Task withTags(List<String> newTags) {
        return new Task(id, title, notes, priority, newTags, due, reminder, recurrence, series, completedAt, deleted, createdAt, updatedAt);
    }

    public Task withDue(Optional<Due> newDue) {
        return new Task(id, title, notes, priority, tags, newDue, reminder, recurrence, series, completedAt, deleted, createdAt, updatedAt);
    }

    public Task withReminder(Optional<Reminder> newReminder) {
        return new Task(id, title, notes, priority, tags, due, newReminder, recurrence, series, completedAt, deleted, createdAt, updatedAt);
    }

    public Task withRecurrence(Optional<Recurrence> newRecurrence) {
        return new Task(id, title, notes, priority, tags, due, reminder, newRecurrence, series, completedAt, deleted, createdAt, updatedAt);
    }

    public Task withSeries(Optional<SeriesLink> newSeries) {
        return new Task(id, title, notes, priority, tags, due, reminder, recurrence, newSeries, completedAt, deleted, createdAt, updatedAt);
    }

    public Task withCompletedAt(Optional<Instant> newCompletedAt) {
        return new Task(id, title, notes, priority, tags, due, reminder, recurrence, series, newCompletedAt, deleted, createdAt, updatedAt);
    }

    public Task withDeleted(boolean newDeleted) {
        return new Task(id, title, notes, priority, tags, due, reminder, recurrence, series, completedAt, newDeleted, createdAt, updatedAt);
    }

    public Task withUpdatedAt(Instant newUpdatedAt) {
        return new Task(id, title, notes, priority, tags, due, reminder, recurrence, series, completedAt, deleted, createdAt, newUpdatedAt);
    }
}
