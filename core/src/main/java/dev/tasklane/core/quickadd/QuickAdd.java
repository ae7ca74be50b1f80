package dev.tasklane.core.quickadd;

import dev.tasklane.core.task.Due;
import dev.tasklane.core.task.Priority;
import dev.tasklane.core.task.Recurrence;
import java.util.List;
import java.util.Optional;

/** What a quick-add line means: the remaining words are the title. */
public record QuickAdd(String title, Optional<Due> due, Priority priority, List<String> tags,
                       Optional<Recurrence> recurrence) {

    public QuickAdd {
        tags = List.copyOf(tags);
    }
}
