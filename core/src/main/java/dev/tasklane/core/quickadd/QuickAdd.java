package dev.tasklane.core.quickadd;

import dev.tasklane.core.task.Due;
import dev.tasklane.core.task.Priority;
import dev.tasklane.core.task.Recurrence;
import dev.tasklane.core.task.Reminder;
import java.util.List;
import java.util.Optional;

/** What a quick-add line means: the remaining words are the title. */
public record QuickAdd(String title, Optional<Due> due, Priority priority, List<String> tags,
                       Optional<Recurrence> recurrence, Optional<Reminder> reminder) {

    public QuickAdd {
        tags = List.copyOf(tags);
    }

    /** A line without a reminder phrase. */
    public QuickAdd(String title, Optional<Due> due, Priority priority, List<String> tags, Optional<Recurrence> recurrence) {
        this(title, due, priority, tags, recurrence, Optional.empty());
    }
}
