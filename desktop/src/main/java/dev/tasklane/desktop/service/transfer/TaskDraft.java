package dev.tasklane.desktop.service.transfer;

import dev.tasklane.core.task.Due;
import dev.tasklane.core.task.Priority;
import dev.tasklane.core.task.Recurrence;
import dev.tasklane.core.task.Reminder;
import dev.tasklane.core.task.SeriesLink;
import dev.tasklane.core.task.Tags;
import dev.tasklane.core.task.Task;
import dev.tasklane.core.task.TaskLimits;
import dev.tasklane.core.task.ValidationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A task being assembled from a foreign file. Parts that would break a task rule are left out and
 * noted (a bad tag, a repeat without a due), so one odd field does not cost the whole task; only a
 * task that still cannot be valid (no title) is skipped as a whole.
 */
final class TaskDraft {

    final UUID id;
    final String label;
    String title = "";
    String notes = "";
    Priority priority = Priority.NONE;
    final List<String> tags = new ArrayList<>();
    Optional<Due> due = Optional.empty();
    Optional<Reminder> reminder = Optional.empty();
    Optional<Recurrence> recurrence = Optional.empty();
    Optional<SeriesLink> series = Optional.empty();
    Optional<Instant> completedAt = Optional.empty();
    Instant createdAt;

    TaskDraft(UUID id, String label, Instant createdAt) {
        this.id = id;
        this.label = label;
        this.createdAt = createdAt;
    }

    /** The task, or empty with the reason added to {@code skipped}; parts left out are noted there too. */
    Optional<Task> build(List<Skipped> skipped) {
        String cleanTitle = title.strip();
        if (cleanTitle.isEmpty()) {
            skipped.add(new Skipped(label, "has no title"));
            return Optional.empty();
        }
        if (cleanTitle.length() > TaskLimits.TITLE_MAX) {
            skipped.add(new Skipped(label, "title shortened to " + TaskLimits.TITLE_MAX + " characters"));
            cleanTitle = cleanTitle.substring(0, TaskLimits.TITLE_MAX);
        }
        String cleanNotes = notes.replace("\r\n", "\n");
        if (cleanNotes.length() > TaskLimits.NOTES_MAX) {
            skipped.add(new Skipped(label, "notes shortened to " + TaskLimits.NOTES_MAX + " characters"));
            cleanNotes = cleanNotes.substring(0, TaskLimits.NOTES_MAX);
        }
        List<String> keptTags = new ArrayList<>();
        for (String tag : Tags.normalize(tags)) {
            String problem = Tags.problem(tag);
            if (!problem.isEmpty()) {
                skipped.add(new Skipped(label, "tag left out: " + problem));
            } else if (keptTags.size() == TaskLimits.TAGS_MAX) {
                skipped.add(new Skipped(label, "tag “" + tag + "” left out: a task has at most " + TaskLimits.TAGS_MAX + " tags"));
            } else {
                keptTags.add(tag);
            }
        }
        if (recurrence.isPresent() && due.isEmpty()) {
            skipped.add(new Skipped(label, "repeat rule left out: it has no start or due date"));
            recurrence = Optional.empty();
        }
        if (reminder.orElse(null) instanceof Reminder.BeforeDue && due.isEmpty()) {
            skipped.add(new Skipped(label, "reminder left out: it counts back from a due date the item does not have"));
            reminder = Optional.empty();
        }
        try {
            return Optional.of(new Task(id, cleanTitle, cleanNotes, priority, keptTags, due, reminder, recurrence, series,
                    completedAt, false, createdAt, createdAt));
        } catch (ValidationException e) {
            skipped.add(new Skipped(label, e.errors().getFirst().message()));
            return Optional.empty();
        }
    }
}
