package dev.tasklane.desktop.service.tasks;

import dev.tasklane.core.task.Due;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Writes dues the way people say them, relative to now: "today 17:00", "tomorrow 09:00",
 * "yesterday", "Friday", "3 Dec", "3 Dec 2027". A timed due in another zone shows in the device's
 * zone, with the original zone named.
 */
public final class DueText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter SAME_YEAR = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter OTHER_YEAR = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private DueText() {
    }

    /** A clock time as the whole app writes it: 24-hour "14:05", whatever the locale, like the editor's fields. */
    public static String time(ZonedDateTime at) {
        return TIME.format(at);
    }

    /** A moment in an inbox or a message: "28 Nov 2026, 14:05". */
    public static String moment(ZonedDateTime at) {
        return OTHER_YEAR.format(at) + ", " + TIME.format(at);
    }

    public static String relative(Due due, ZonedDateTime now) {
        ZoneId zone = now.getZone();
        return switch (due) {
            case Due.AllDay day -> day(day.date(), now.toLocalDate());
            case Due.Timed timed -> {
                ZonedDateTime local = timed.instant().atZone(zone);
                String text = day(local.toLocalDate(), now.toLocalDate()) + " " + TIME.format(local);
                yield timed.zone().equals(zone) ? text : text + " (" + TIME.format(timed.dateTime()) + " " + timed.zone().getId() + ")";
            }
        };
    }

    private static String day(LocalDate date, LocalDate today) {
        long days = ChronoUnit.DAYS.between(today, date);
        if (days == 0) {
            return "today";
        }
        if (days == 1) {
            return "tomorrow";
        }
        if (days == -1) {
            return "yesterday";
        }
        if (days > 1 && days < 7) {
            return date.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        }
        return (date.getYear() == today.getYear() ? SAME_YEAR : OTHER_YEAR).format(date);
    }
}
