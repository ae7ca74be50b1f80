package dev.tasklane.core.sync;

import dev.tasklane.core.merge.TaskState;

/** A task's whole replicated state as of change number {@code seq}; the receiver merges it. */
public record ChangedTask(long seq, TaskState state) {
}
