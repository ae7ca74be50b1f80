package dev.tasklane.core.id;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.NameBasedGenerator;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Identifiers for tasks and mutations.
 *
 * <p>Tasks and mutations get time-ordered UUIDv7 ids created on the device, so a device never
 * waits for a server. The next occurrence of a recurring task gets a deterministic UUIDv5 of its
 * series id and its date, so two devices (or a device and the recurrence service) that complete
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
     * The deterministic id of the occurrence of {@code seriesId} that falls on {@code date}:
     * UUIDv5 (SHA-1) in the namespace of the series id, named by the ISO date.
     */
    public static UUID occurrenceId(UUID seriesId, LocalDate date) {
        NameBasedGenerator generator = Generators.nameBasedGenerator(seriesId);
        return generator.generate(date.toString());
    }

    /**
     * The deterministic id of occurrence number {@code occurrence} of {@code seriesId}, for rules
     * counted from completion: there the date depends on the day someone completed the previous
     * one, so two devices completing it on different days (or one device completing, reopening
     * and completing again) must still agree on one next task — by its number, not its date.
     */
    public static UUID occurrenceId(UUID seriesId, int occurrence) {
        return Generators.nameBasedGenerator(seriesId).generate("#" + occurrence);
    }
}
