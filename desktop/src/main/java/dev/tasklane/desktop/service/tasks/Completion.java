package dev.tasklane.desktop.service.tasks;

import dev.tasklane.core.task.Task;
import java.util.Optional;

/** The result of completing a task: the completed task and, for a recurring one, its next occurrence. */
public record Completion(Task completed, Optional<Task> next) {
}
