package dev.tasklane.desktop.viewmodel;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.Year;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the dates and times typed into the editor and says plainly what is wrong with one that
 * is not a date or time: "30 February doesn't exist", "25:99 isn't a time".
 */
final class DateTimeInput {

    private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})");
    private static final Pattern CLOCK = Pattern.compile("(\\d{1,2})(?::(\\d{2}))?\\s*(am|pm)?");

    /** A value read from text, or the sentence that says why it could not be read. */
    sealed interface Result<T> permits Read, Problem {
    }

    record Read<T>(T value) implements Result<T> {
    }

    record Problem<T>(String message) implements Result<T> {
    }

    private DateTimeInput() {
    }

    /** {@code 2026-12-01}; anything else is refused with a sentence that names the problem. */
    static Result<LocalDate> date(String text) {
        Matcher iso = ISO_DATE.matcher(text.strip());
        if (!iso.matches()) {
            return new Problem<>("“" + text.strip() + "” isn't a date; write it as YYYY-MM-DD, e.g. 2026-12-01.");
        }
        int year = Integer.parseInt(iso.group(1));
        int month = Integer.parseInt(iso.group(2));
        int day = Integer.parseInt(iso.group(3));
        if (month < 1 || month > 12) {
            return new Problem<>("There is no month " + month + "; months go from 1 to 12.");
        }
        Month named = Month.of(month);
        String name = named.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        if (day < 1) {
            return new Problem<>("Days start at 1; " + text.strip() + " isn't a date.");
        }
        int length = named.length(Year.isLeap(year));
        if (day > length) {
            if (named == Month.FEBRUARY && day == 29) {
                return new Problem<>("29 February " + year + " doesn't exist: " + year + " isn't a leap year.");
            }
            return new Problem<>(day + " " + name + " doesn't exist; " + name + " has " + length + " days.");
        }
        return new Read<>(LocalDate.of(year, month, day));
    }

    /** {@code 09:30}, {@code 9:30}, {@code 9am}, {@code 9:30 pm}. */
    static Result<LocalTime> time(String text) {
        String trimmed = text.strip().toLowerCase(Locale.ROOT);
        Matcher clock = CLOCK.matcher(trimmed);
        if (!clock.matches() || (clock.group(2) == null && clock.group(3) == null)) {
            return new Problem<>("“" + text.strip() + "” isn't a time; write it as HH:MM, e.g. 09:30.");
        }
        int hour = Integer.parseInt(clock.group(1));
        int minute = clock.group(2) == null ? 0 : Integer.parseInt(clock.group(2));
        String meridiem = clock.group(3);
        if (meridiem != null) {
            if (hour < 1 || hour > 12 || minute > 59) {
                return new Problem<>(text.strip() + " isn't a time; with am/pm the hour goes from 1 to 12.");
            }
            hour = hour % 12 + (meridiem.equals("pm") ? 12 : 0);
        } else if (hour > 23 || minute > 59) {
            return new Problem<>(text.strip() + " isn't a time; hours go from 00 to 23 and minutes from 00 to 59.");
        }
        return new Read<>(LocalTime.of(hour, minute));
    }
}
