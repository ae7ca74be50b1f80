package dev.tasklane.desktop.service.tasks;

import dev.tasklane.core.task.Task;
import java.util.List;
import java.util.Optional;

/**
 * The result of completing a task: the completed task and, for a recurring one, its next
 * occurrence; {@code undo} reopens the task and removes an occurrence this completion created
 * (taken in the completion's own transaction, see {@link Changed}).
 */
public record Completion(Task completed, Optional<Task> next, List<TaskService.Edit> undo) {
    public Completion {
        undo = List.copyOf(undo);
    }
}
