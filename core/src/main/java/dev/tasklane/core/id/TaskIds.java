package dev.tasklane.core.id;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.NameBasedGenerator;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import java.util.UUID;

/**
 * Identifiers for tasks and mutations.
 *
 * <p>Tasks and mutations get time-ordered UUIDv7 ids created on the device, so a device never
 * waits for a server. The next occurrence of a recurring task gets a deterministic UUIDv5 of its
 * series id and its occurrence number, so two devices (or a device and the recurrence service) that complete
 * the same occurrence create the same next task rather than two.
 */
public final class TaskIds {

    private static final TimeBasedEpochGenerator EPOCH_GENERATOR = Generators.timeBasedEpochGenerator();

    private TaskIds() {
    }

    /** A new UUIDv7 for a task. */
    public static UUID newTaskId() {
        return EPOCH_GENERATOR.generate();
    }

    /** A new UUIDv7 for a mutation. */
    public static UUID newMutationId() {
        return EPOCH_GENERATOR.generate();
    }

    /**
     * The deterministic id of occurrence number {@code occurrence} of {@code seriesId}: UUIDv5
     * (SHA-1) in the namespace of the series id, named {@code #n}. By number, not date: two devices
     * that complete the same occurrence must agree on one next task even when one of them had
     * moved its due date first, or completed an "after completion" rule on another day.
     */
    public static UUID occurrenceId(UUID seriesId, int occurrence) {
        return Generators.nameBasedGenerator(seriesId).generate("#" + occurrence);
    }
}
