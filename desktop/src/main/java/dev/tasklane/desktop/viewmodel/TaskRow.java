package dev.tasklane.desktop.viewmodel;

import dev.tasklane.core.task.Priority;
import java.util.List;
import java.util.UUID;

/** One line of the task list, ready to display. */
public record TaskRow(UUID id, String title, String dueText, boolean overdue, Priority priority, List<String> tags,
                      boolean recurring, boolean completed, boolean hasReminder) {
    public TaskRow {
        tags = List.copyOf(tags);
    }
}
