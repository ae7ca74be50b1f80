package dev.tasklane.core.task;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * When a task is due: a whole day, or a wall-clock time in an IANA time zone. A timed due keeps
 * its local time and zone (not an instant) so that "09:00 Europe/Berlin" stays 09:00 across DST
 * changes and when the user travels.
 */
public sealed interface Due permits Due.AllDay, Due.Timed {

    /** The local calendar date of the due. */
    LocalDate date();

    /** The moment the task becomes overdue; all-day tasks are overdue once their day ends in {@code localZone}. */
    Instant overdueAfter(ZoneId localZone);

    /** The moment used to order tasks by due; all-day tasks sort at the start of their day. */
    Instant sortInstant(ZoneId localZone);

    /** The text form used in mutations and stores: {@code 2026-12-01} or {@code 2026-12-01T09:00[Europe/Berlin]}. */
    String encode();

    /** A due on a whole day. */
    record AllDay(LocalDate date) implements Due {
        @Override
        public Instant overdueAfter(ZoneId localZone) {
            return date.plusDays(1).atStartOfDay(localZone).toInstant();
        }

        @Override
        public Instant sortInstant(ZoneId localZone) {
            return date.atStartOfDay(localZone).toInstant();
        }

        @Override
        public String encode() {
            return date.toString();
        }
    }

    /** A due at a local date-time in a zone. */
    record Timed(LocalDateTime dateTime, ZoneId zone) implements Due {
        public Timed {
            dateTime = dateTime.withSecond(0).withNano(0);
        }

        @Override
        public LocalDate date() {
            return dateTime.toLocalDate();
        }

        public LocalTime time() {
            return dateTime.toLocalTime();
        }

        /** The instant of the due; in a DST gap the wall time moves forward by the gap's length. */
        public Instant instant() {
            return dateTime.atZone(zone).toInstant();
        }

        @Override
        public Instant overdueAfter(ZoneId localZone) {
            return instant();
        }

        @Override
        public Instant sortInstant(ZoneId localZone) {
            return instant();
        }

        @Override
        public String encode() {
            return dateTime + "[" + zone.getId() + "]";
        }
    }

    /**
     * Parses the {@link #encode()} form.
     *
     * @throws IllegalArgumentException naming what is wrong: the date, the time or the zone
     */
    static Due parse(String text) {
        String trimmed = text.strip();
        int bracket = trimmed.indexOf('[');
        try {
            if (bracket < 0) {
                return new AllDay(LocalDate.parse(trimmed));
            }
            if (!trimmed.endsWith("]")) {
                throw new IllegalArgumentException("due time zone must be written as [Area/City]: " + text);
            }
            LocalDateTime dateTime = LocalDateTime.parse(trimmed.substring(0, bracket));
            return new Timed(dateTime, zone(trimmed.substring(bracket + 1, trimmed.length() - 1)));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a valid date or date-time: " + text, e);
        }
    }

    /**
     * Resolves an IANA zone id such as {@code Europe/Berlin}; rejects unknown ids with a clear message.
     */
    static ZoneId zone(String id) {
        try {
            return ZoneId.of(id.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("unknown time zone: " + id, e);
        }
    }
}
