package dev.tasklane.desktop.service.tasks;

import dev.tasklane.core.task.Task;
import java.util.List;

/**
 * What a local action left, and how to undo exactly that action: the undo edits are taken in the
 * action's own transaction, so a change another device makes a moment later is never part of them.
 */
public record Changed(Task task, List<TaskService.Edit> undo) {
    public Changed {
        undo = List.copyOf(undo);
    }
}
