package dev.tasklane.desktop.service.tasks;

import dev.tasklane.core.task.Priority;
import java.util.Optional;

/**
 * What the task list shows: a smart list, optionally narrowed to a tag (by key) or a priority,
 * a search text matched against title, notes and tags, and a sort order.
 */
public record TaskQuery(SmartList list, Optional<String> tagKey, Optional<Priority> priority, String text, SortOrder sort) {

    public static TaskQuery all() {
        return new TaskQuery(SmartList.ALL, Optional.empty(), Optional.empty(), "", SortOrder.DUE);
    }

    public TaskQuery withList(SmartList newList) {
        return new TaskQuery(newList, Optional.empty(), Optional.empty(), text, sort);
    }

    public TaskQuery withTag(String newTagKey) {
        return new TaskQuery(SmartList.ALL, Optional.of(newTagKey), Optional.empty(), text, sort);
    }

    public TaskQuery withPriority(Priority newPriority) {
        return new TaskQuery(SmartList.ALL, Optional.empty(), Optional.of(newPriority), text, sort);
    }

    public TaskQuery withText(String newText) {
        return new TaskQuery(list, tagKey, priority, newText, sort);
    }

    public TaskQuery withSort(SortOrder newSort) {
        return new TaskQuery(list, tagKey, priority, text, newSort);
    }
}
