package dev.tasklane.desktop.viewmodel;

import dev.tasklane.core.task.Task;
import java.util.AbstractList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import javafx.collections.ObservableListBase;

/**
 * The task list's rows, made when asked for: it holds the query's tasks and formats a row only
 * for the index a cell shows. With 100,000 tasks the list keeps no 100,000 row objects (nor their
 * due texts) in memory, and replacing the list costs the same for 10 rows or 100,000.
 */
final class TaskRowList extends ObservableListBase<TaskRow> {

    private final Function<Task, TaskRow> toRow;
    private List<Task> tasks = List.of();

    TaskRowList(Function<Task, TaskRow> toRow) {
        this.toRow = toRow;
    }

    /** Shows {@code newTasks} instead of the current ones, as one replacement. */
    void show(List<Task> newTasks) {
        List<Task> old = tasks;
        tasks = List.copyOf(newTasks);
        beginChange();
        if (!old.isEmpty() || !tasks.isEmpty()) {
            // Listeners get the removed rows as a view made on demand too.
            nextReplace(0, tasks.size(), new AbstractList<>() {
                @Override
                public TaskRow get(int index) {
                    return toRow.apply(old.get(index));
                }

                @Override
                public int size() {
                    return old.size();
                }

                @Override
                public int indexOf(Object row) {
                    return indexOfRow(old, row);
                }

                @Override
                public boolean contains(Object row) {
                    return indexOf(row) >= 0;
                }
            });
        }
        endChange();
    }

    /** Where the task with {@code id} is, or -1; does not format any row. */
    int indexOfTask(UUID id) {
        for (int i = 0; i < tasks.size(); i++) {
            if (tasks.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Found by task id, formatting only the candidate: the list's selection model looks rows up
     * when the list changes, and the default search would format every row up to the match.
     */
    @Override
    public int indexOf(Object row) {
        return indexOfRow(tasks, row);
    }

    @Override
    public boolean contains(Object row) {
        return indexOf(row) >= 0;
    }

    private int indexOfRow(List<Task> in, Object row) {
        if (!(row instanceof TaskRow wanted)) {
            return -1;
        }
        for (int i = 0; i < in.size(); i++) {
            if (in.get(i).id().equals(wanted.id())) {
                return toRow.apply(in.get(i)).equals(wanted) ? i : -1;
            }
        }
        return -1;
    }

    @Override
    public TaskRow get(int index) {
        return toRow.apply(tasks.get(index));
    }

    @Override
    public int size() {
        return tasks.size();
    }
}
