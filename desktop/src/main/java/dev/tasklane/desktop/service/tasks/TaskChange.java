package dev.tasklane.desktop.service.tasks;

import dev.tasklane.core.task.Task;
import java.util.List;

/** Tasks as they are after a committed change; deleted tasks are included with {@code deleted = true}. */
public record TaskChange(List<Task> tasks) {
    public TaskChange {
        tasks = List.copyOf(tasks);
    }
}
