package dev.tasklane.core.task;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** When to remind the user of a task: at a fixed instant, or some time before the task is due. */
public sealed interface Reminder permits Reminder.At, Reminder.BeforeDue {

    /** For all-day tasks a "before due" reminder counts back from this local time on the due day. */
    LocalTime ALL_DAY_REFERENCE = LocalTime.of(9, 0);

    /** The latest offset allowed before a due: four weeks. */
    Duration MAX_OFFSET = Duration.ofDays(28);

    /**
     * The moment the reminder fires, or empty when it depends on a due the task doesn't have.
     *
     * @param localZone the device's zone, used for all-day dues
     */
    Optional<Instant> fireTime(Optional<Due> due, ZoneId localZone);

    String encode();

    /** A reminder at a fixed instant. */
    record At(Instant instant) implements Reminder {
        @Override
        public Optional<Instant> fireTime(Optional<Due> due, ZoneId localZone) {
            return Optional.of(instant);
        }

        @Override
        public String encode() {
            return "at:" + instant;
        }
    }

    /** A reminder an offset (zero or more) before the task's due. */
    record BeforeDue(Duration offset) implements Reminder {
        public BeforeDue {
            if (offset.isNegative() || offset.compareTo(MAX_OFFSET) > 0) {
                throw new IllegalArgumentException("reminder offset must be between 0 and 28 days: " + offset);
            }
        }

        @Override
        public Optional<Instant> fireTime(Optional<Due> due, ZoneId localZone) {
            return due.map(d -> switch (d) {
                case Due.Timed timed -> timed.instant();
                case Due.AllDay allDay -> allDay.date().atTime(ALL_DAY_REFERENCE).atZone(localZone).toInstant();
            }).map(instant -> instant.minus(offset));
        }

        @Override
        public String encode() {
            return "before:" + offset;
        }
    }

    /**
     * Parses {@code at:2026-12-01T08:00:00Z} or {@code before:PT15M}.
     *
     * @throws IllegalArgumentException with a readable message
     */
    static Reminder parse(String text) {
        String trimmed = text.strip();
        try {
            if (trimmed.startsWith("at:")) {
                return new At(Instant.parse(trimmed.substring(3)));
            }
            if (trimmed.startsWith("before:")) {
                return new BeforeDue(Duration.parse(trimmed.substring(7)));
            }
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a valid reminder: " + text, e);
        }
        throw new IllegalArgumentException("a reminder is at:<instant> or before:<duration>: " + text);
    }
}
