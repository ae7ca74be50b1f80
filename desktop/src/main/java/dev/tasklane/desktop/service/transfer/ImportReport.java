package dev.tasklane.desktop.service.transfer;

import dev.tasklane.core.task.Task;
import dev.tasklane.desktop.service.tasks.TaskService;
import java.util.List;

/**
 * The outcome of an import: the tasks written (through {@link dev.tasklane.desktop.service.tasks.TaskService},
 * so they sync), what the file held that was left out and why, and the edits that undo the whole
 * import as one step (each new task deleted again, a restored one put back as it was, deleted).
 */
public record ImportReport(TransferFormat format, List<Task> imported, List<Skipped> skipped, List<TaskService.Edit> undo) {

    public ImportReport {
        imported = List.copyOf(imported);
        skipped = List.copyOf(skipped);
        undo = List.copyOf(undo);
    }

    /** One line for the user, e.g. "Imported 12 tasks from the iCalendar file; 2 items skipped." */
    public String summary() {
        String tasks = imported.size() == 1 ? "1 task" : imported.size() + " tasks";
        String base = "Imported " + tasks + " from the " + format.label() + " file";
        if (skipped.isEmpty()) {
            return base + ".";
        }
        return base + "; " + (skipped.size() == 1 ? "1 item" : skipped.size() + " items") + " left out or changed (see below).";
    }
}
