package dev.tasklane.desktop.service.tasks;

import dev.tasklane.core.task.Priority;
import java.util.Map;

/**
 * Sidebar counts: open tasks per smart list, per tag (keyed by tag key, with a display name)
 * and per priority.
 */
public record TaskCounts(Map<SmartList, Integer> lists, Map<String, TagCount> tags, Map<Priority, Integer> priorities) {

    public TaskCounts {
        lists = Map.copyOf(lists);
        tags = Map.copyOf(tags);
        priorities = Map.copyOf(priorities);
    }

    /** A tag's display name and how many open tasks carry it. */
    public record TagCount(String display, int count) {
    }
}
