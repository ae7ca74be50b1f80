package dev.tasklane.consumers.recurrence.occurrence;

import com.fasterxml.uuid.Generators;
import dev.tasklane.core.clock.Hlc;
import dev.tasklane.core.merge.Mutation;
import dev.tasklane.core.merge.Mutations;
import dev.tasklane.core.merge.TaskState;
import dev.tasklane.core.recurrence.NextOccurrence;
import dev.tasklane.core.task.Task;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The create mutation of a completed task's next occurrence, built entirely from the event so
 * every redelivery builds the very same mutation: core's {@link NextOccurrence} gives the task
 * (deterministic UUIDv5 id of series and occurrence number; COUNT, UNTIL and "after completion" respected),
 * stamped with the completion time; the mutation id is derived from the occurrence id.
 *
 * <p>The mutation carries the lowest clock a writer can have ({@link #SERVICE_CLOCK}). The server
 * creates it only if absent; and should a desktop that created the same occurrence offline push
 * it (or an edit of it) later, every field the device wrote wins the merge: the service never
 * overwrites what a user did.
 */
public final class OccurrencePlan {

    /** Lower than any clock a device or the server stamps: a service-made occurrence always yields to a device's. */
    public static final Hlc SERVICE_CLOCK = new Hlc(1, 0, "recurrence");

    private OccurrencePlan() {
    }

    /**
     * @param zone the zone that decides the completion day of all-day tasks ("after completion" rules)
     * @return the next occurrence's create mutation, or empty when the task does not repeat or its series ended
     */
    public static Optional<Mutation> next(Task completed, ZoneId zone) {
        if (completed.deleted() || completed.completedAt().isEmpty()) {
            return Optional.empty();
        }
        Instant completedAt = completed.completedAt().get();
        return NextOccurrence.after(completed, completedAt, zone, completedAt).map(next -> Mutations.between(
                TaskState.empty(next.id()), next, SERVICE_CLOCK,
                Generators.nameBasedGenerator(next.id()).generate("recurrence-create")));
    }

    /** The task a plan creates (for logging and tests). */
    public static Task task(Mutation create) {
        return TaskState.empty(create.taskId()).apply(create).state().toTask().orElseThrow();
    }
}
