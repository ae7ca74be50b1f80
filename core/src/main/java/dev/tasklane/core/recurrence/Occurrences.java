package dev.tasklane.core.recurrence;

import dev.tasklane.core.task.Due;
import dev.tasklane.core.task.Recurrence;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import org.dmfs.rfc5545.DateTime;
import org.dmfs.rfc5545.recur.RecurrenceRule;
import org.dmfs.rfc5545.recur.RecurrenceRuleIterator;

/**
 * Computes the dates a recurring task falls on, using lib-recur for the RFC 5545 expansion.
 *
 * <p>Rules expand in the due's own zone on local wall time, so a task due 09:00 in
 * Europe/Berlin stays at 09:00 local across DST changes. All-day dues expand as dates.
 * The rule's COUNT is enforced through the occurrence number carried by the task, because each
 * occurrence is its own task and expansion restarts at the current due.
 */
public final class Occurrences {

    /** Guards against rules that match nothing for a very long time (e.g. 30 February). */
    private static final int MAX_STEPS = 5_000;

    private Occurrences() {
    }

    /**
     * The due of the occurrence after {@code current}.
     *
     * @param occurrence  the 1-based number of the current occurrence in its series
     * @param completedAt when the current occurrence was completed; used by "after completion" rules
     * @param localZone   the device's zone, which decides the completion day of an all-day task
     * @return empty when the series has ended (COUNT or UNTIL reached)
     */
    public static Optional<Due> next(Due current, Recurrence recurrence, int occurrence, Instant completedAt,
            ZoneId localZone) {
        RecurrenceRule rule = recurrence.parsedRule();
        Integer count = rule.getCount();
        if (count != null && occurrence >= count) {
            return Optional.empty();
        }
        Due start = recurrence.fromCompletion() ? onCompletionDay(current, completedAt, localZone) : current;
        LocalDate after = start.date();
        RecurrenceRuleIterator iterator = rule.iterator(toDateTime(start));
        for (int step = 0; step < MAX_STEPS && iterator.hasNext(); step++) {
            Due candidate = fromDateTime(iterator.nextDateTime(), start);
            boolean later = recurrence.fromCompletion()
                    ? candidate.date().isAfter(after)
                    : isAfter(candidate, current);
            if (later) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The first {@code limit} dues of a series starting at {@code start} (the start included when the rule matches it). */
    public static List<Due> preview(Due start, Recurrence recurrence, int limit) {
        RecurrenceRuleIterator iterator = recurrence.parsedRule().iterator(toDateTime(start));
        List<Due> dues = new ArrayList<>();
        for (int step = 0; step < MAX_STEPS && dues.size() < limit && iterator.hasNext(); step++) {
            dues.add(fromDateTime(iterator.nextDateTime(), start));
        }
        return dues;
    }

    private static boolean isAfter(Due candidate, Due current) {
        return switch (candidate) {
            case Due.AllDay day -> day.date().isAfter(current.date());
            case Due.Timed timed -> timed.dateTime().isAfter(((Due.Timed) current).dateTime());
        };
    }

    private static Due onCompletionDay(Due current, Instant completedAt, ZoneId localZone) {
        return switch (current) {
            case Due.AllDay day -> new Due.AllDay(completedAt.atZone(localZone).toLocalDate());
            case Due.Timed timed -> new Due.Timed(
                    LocalDateTime.of(completedAt.atZone(timed.zone()).toLocalDate(), timed.time()), timed.zone());
        };
    }

    private static DateTime toDateTime(Due due) {
        return switch (due) {
            case Due.AllDay day -> new DateTime(day.date().getYear(), day.date().getMonthValue() - 1, day.date().getDayOfMonth());
            case Due.Timed timed -> {
                LocalDateTime local = timed.dateTime();
                yield new DateTime(TimeZone.getTimeZone(timed.zone()), local.getYear(), local.getMonthValue() - 1,
                        local.getDayOfMonth(), local.getHour(), local.getMinute(), 0);
            }
        };
    }

    private static Due fromDateTime(DateTime dateTime, Due like) {
        LocalDate date = LocalDate.of(dateTime.getYear(), dateTime.getMonth() + 1, dateTime.getDayOfMonth());
        return switch (like) {
            case Due.AllDay ignored -> new Due.AllDay(date);
            case Due.Timed timed -> new Due.Timed(
                    LocalDateTime.of(date, LocalTime.of(dateTime.getHours(), dateTime.getMinutes())), timed.zone());
        };
    }
}
