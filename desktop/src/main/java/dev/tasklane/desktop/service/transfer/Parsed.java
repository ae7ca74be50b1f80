package dev.tasklane.desktop.service.transfer;

import dev.tasklane.core.task.Task;
import java.util.List;

/** What a reader made of a file: valid tasks to import, and what it left out (with the reason). */
record Parsed(List<Task> tasks, List<Skipped> skipped) {

    Parsed {
        tasks = List.copyOf(tasks);
        skipped = List.copyOf(skipped);
    }
}
