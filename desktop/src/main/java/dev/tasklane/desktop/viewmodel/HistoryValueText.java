package dev.tasklane.desktop.viewmodel;

import dev.tasklane.core.task.Due;
import dev.tasklane.core.task.Recurrence;
import dev.tasklane.core.task.Reminder;
import dev.tasklane.desktop.service.tasks.DueText;
import dev.tasklane.desktop.service.tasks.RepeatText;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A history entry's fields and values as people read them: "due: 1 Dec 2026, 09:00", "reminder:
 * 15 min before", "repeat: every month" — not the stored forms ({@code before:PT15M},
 * {@code 2026-12-01T09:00[Europe/Berlin]}, {@code FREQ=MONTHLY}). Bookkeeping fields (created at,
 * series) are left out.
 */
final class HistoryValueText {

    private static final int VALUE_MAX = 60;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    private static final Map<String, String> LABELS = Map.of("title", "title", "notes", "notes", "priority", "priority",
            "tags", "tags", "due", "due", "reminder", "reminder", "recurrence", "repeat", "completedAt", "completed",
            "deleted", "deleted");

    private HistoryValueText() {
    }

    /** The field's name for people; empty for bookkeeping fields that are not shown. */
    static Optional<String> label(String field) {
        return Optional.ofNullable(LABELS.get(field));
    }

    /** The value for people ("(none)" when unset); a value that does not parse is shown as it is, shortened. */
    static String value(String field, String stored, ZoneId zone) {
        if (stored.isEmpty() || (field.equals("priority") && stored.equalsIgnoreCase("none"))) {
            return "(none)";
        }
        try {
            return switch (field) {
                case "due" -> due(Due.parse(stored), zone);
                case "reminder" -> reminder(Reminder.parse(stored), zone);
                case "recurrence" -> RepeatText.describe(Recurrence.parse(stored));
                case "completedAt" -> DueText.moment(Instant.parse(stored).atZone(zone));
                case "priority" -> stored.toLowerCase(Locale.ROOT);
                case "deleted" -> stored.equals("true") ? "yes" : "no";
                default -> shortened(stored);
            };
        } catch (RuntimeException e) {
            return shortened(stored);
        }
    }

    private static String due(Due due, ZoneId zone) {
        return switch (due) {
            case Due.AllDay day -> DAY.format(day.date());
            case Due.Timed timed -> {
                String here = DueText.moment(timed.instant().atZone(zone));
                yield timed.zone().normalized().equals(zone.normalized()) ? here
                        : here + " (" + DueText.time(timed.instant().atZone(timed.zone())) + " " + ZoneChoices.city(timed.zone()) + " time)";
            }
        };
    }

    private static String reminder(Reminder reminder, ZoneId zone) {
        return switch (reminder) {
            case Reminder.BeforeDue before -> QuickAddPreview.beforeDue(before.offset());
            case Reminder.At at -> "at " + DueText.moment(at.instant().atZone(zone));
        };
    }

    private static String shortened(String value) {
        return value.length() > VALUE_MAX ? value.substring(0, VALUE_MAX - 1) + "…" : value;
    }
}
