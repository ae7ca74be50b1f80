package dev.tasklane.core.merge;

import java.util.List;

/** The state after a merge, and the concurrent writes it overrode. */
public record MergeResult(TaskState state, List<Conflict> conflicts) {

    public MergeResult {
        conflicts = List.copyOf(conflicts);
    }

    public boolean changed(TaskState before) {
        return !state.equals(before);
    }
}
