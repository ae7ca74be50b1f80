package dev.tasklane.desktop.service.transfer;

import dev.tasklane.core.task.Task;
import java.util.List;

/**
 * The outcome of an import: the tasks written (through {@link dev.tasklane.desktop.service.tasks.TaskService},
 * so they sync), what the file held that was left out and why, and for each written task the
 * version that undoing the import writes back (a new task deleted again, a restored one deleted
 * as it was).
 */
public record ImportReport(TransferFormat format, List<Task> imported, List<Skipped> skipped, List<Task> undoTargets) {

    public ImportReport {
        imported = List.copyOf(imported);
        skipped = List.copyOf(skipped);
        undoTargets = List.copyOf(undoTargets);
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
