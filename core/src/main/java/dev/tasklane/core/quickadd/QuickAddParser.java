package dev.tasklane.core.quickadd;

import dev.tasklane.core.task.Due;
import dev.tasklane.core.task.Priority;
import dev.tasklane.core.task.Recurrence;
import dev.tasklane.core.task.Tags;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses a quick-add line such as {@code Pay rent tomorrow 9am !high #home every month} into a
 * title, due, priority, tags and recurrence. The grammar is documented in
 * {@code docs/quick-add.md}; words it does not recognise stay in the title, and a word in double
 * quotes is always kept as title text.
 */
public final class QuickAddParser {

    private static final Pattern TIME = Pattern.compile("(\\d{1,2})(?::(\\d{2}))?(am|pm)?");
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,3}");
    private static final LocalTime TONIGHT = LocalTime.of(20, 0);

    private final ZonedDateTime now;

    /** @param now the moment and zone that "today", "tomorrow" and "9am" are relative to */
    public QuickAddParser(ZonedDateTime now) {
        this.now = now;
    }

    public QuickAdd parse(String line) {
        return new Parse(line.strip().split("\\s+")).run();
    }

    /** One pass over the words of a line. */
    private final class Parse {
        private final String[] words;
        private final List<String> title = new ArrayList<>();
        private final List<String> tags = new ArrayList<>();
        private Priority priority = Priority.NONE;
        private Optional<LocalDate> date = Optional.empty();
        private Optional<LocalTime> time = Optional.empty();
        private Optional<String> rule = Optional.empty();
        private int i;

        Parse(String[] words) {
            this.words = words;
        }

        QuickAdd run() {
            while (i < words.length) {
                String word = words[i];
                if (word.isEmpty()) {
                    i++;
                } else if (!consume(word, lower(i))) {
                    title.add(unquote(word));
                    i++;
                }
            }
            Optional<Due> due = due();
            Optional<Recurrence> recurrence = rule.map(r -> new Recurrence(r, false));
            return new QuickAdd(String.join(" ", title), due, priority, Tags.normalize(tags), recurrence);
        }

        private boolean consume(String word, String lower) {
            if (word.startsWith("\"")) {
                return false;
            }
            if (word.length() > 1 && word.startsWith("#")) {
                tags.add(word.substring(1));
                i++;
                return true;
            }
            if (word.startsWith("!")) {
                Optional<Priority> parsed = priority(lower.substring(1));
                parsed.ifPresent(p -> {
                    priority = p;
                    i++;
                });
                return parsed.isPresent();
            }
            return recurrence(lower) || dateWords(lower) || timeWords(lower);
        }

        private Optional<Priority> priority(String text) {
            return switch (text) {
                case "high", "h", "3", "!!" -> Optional.of(Priority.HIGH);
                case "medium", "med", "m", "2", "!" -> Optional.of(Priority.MEDIUM);
                case "low", "l", "1", "" -> Optional.of(Priority.LOW);
                default -> Optional.empty();
            };
        }

        private boolean recurrence(String lower) {
            String simple = switch (lower) {
                case "daily" -> "FREQ=DAILY";
                case "weekly" -> "FREQ=WEEKLY";
                case "monthly" -> "FREQ=MONTHLY";
                case "yearly", "annually" -> "FREQ=YEARLY";
                default -> "";
            };
            if (!simple.isEmpty()) {
                rule = Optional.of(simple);
                i++;
                return true;
            }
            if (!lower.equals("every") || i + 1 >= words.length) {
                return false;
            }
            String next = lower(i + 1);
            int interval = 1;
            int unitAt = i + 1;
            if (next.equals("other")) {
                interval = 2;
                unitAt = i + 2;
            } else if (NUMBER.matcher(next).matches() && i + 2 < words.length) {
                interval = Integer.parseInt(next);
                unitAt = i + 2;
            }
            if (unitAt >= words.length || interval < 1) {
                return false;
            }
            String unit = lower(unitAt);
            String freq = switch (unit) {
                case "day", "days" -> "DAILY";
                case "week", "weeks" -> "WEEKLY";
                case "month", "months" -> "MONTHLY";
                case "year", "years" -> "YEARLY";
                default -> "";
            };
            String built;
            if (!freq.isEmpty()) {
                built = "FREQ=" + freq + (interval > 1 ? ";INTERVAL=" + interval : "");
            } else if (unit.equals("weekday") || unit.equals("weekdays")) {
                built = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR";
            } else {
                Optional<DayOfWeek> day = dayOfWeek(unit);
                if (day.isEmpty()) {
                    return false;
                }
                built = "FREQ=WEEKLY" + (interval > 1 ? ";INTERVAL=" + interval : "") + ";BYDAY="
                        + day.get().getDisplayName(TextStyle.SHORT, Locale.ENGLISH).substring(0, 2).toUpperCase(Locale.ROOT);
                if (date.isEmpty()) {
                    date = Optional.of(today().with(TemporalAdjusters.nextOrSame(day.get())));
                }
            }
            rule = Optional.of(built);
            i = unitAt + 1;
            return true;
        }

        private boolean dateWords(String lower) {
            LocalDate today = today();
            switch (lower) {
                case "today" -> {
                    return setDate(today, 1);
                }
                case "tonight" -> {
                    time = Optional.of(TONIGHT);
                    return setDate(today, 1);
                }
                case "tomorrow", "tmr", "tmrw" -> {
                    return setDate(today.plusDays(1), 1);
                }
                default -> {
                }
            }
            if (ISO_DATE.matcher(lower).matches()) {
                try {
                    return setDate(LocalDate.parse(lower), 1);
                } catch (DateTimeParseException e) {
                    return false;
                }
            }
            if ((lower.equals("next") || lower.equals("on")) && i + 1 < words.length) {
                Optional<DayOfWeek> day = dayOfWeek(lower(i + 1));
                if (day.isPresent()) {
                    LocalDate target = lower.equals("next")
                            ? today.with(TemporalAdjusters.next(day.get()))
                            : today.with(TemporalAdjusters.nextOrSame(day.get()));
                    return setDate(target, 2);
                }
                if (lower.equals("next")) {
                    switch (lower(i + 1)) {
                        case "week" -> {
                            return setDate(today.with(TemporalAdjusters.next(DayOfWeek.MONDAY)), 2);
                        }
                        case "month" -> {
                            return setDate(today.with(TemporalAdjusters.firstDayOfNextMonth()), 2);
                        }
                        default -> {
                        }
                    }
                }
                return false;
            }
            Optional<DayOfWeek> day = dayOfWeek(lower);
            if (day.isPresent()) {
                return setDate(today.with(TemporalAdjusters.nextOrSame(day.get())), 1);
            }
            if (lower.equals("in") && i + 2 < words.length && NUMBER.matcher(lower(i + 1)).matches()) {
                int amount = Integer.parseInt(lower(i + 1));
                java.time.Duration soon = switch (lower(i + 2)) {
                    case "minute", "minutes", "min", "mins" -> java.time.Duration.ofMinutes(amount);
                    case "hour", "hours", "h" -> java.time.Duration.ofHours(amount);
                    default -> null;
                };
                if (soon != null) {
                    LocalDateTime at = now.toLocalDateTime().plus(soon);
                    date = Optional.of(at.toLocalDate());
                    time = Optional.of(at.toLocalTime().withSecond(0).withNano(0));
                    i += 3;
                    return true;
                }
                LocalDate target = switch (lower(i + 2)) {
                    case "day", "days" -> today.plusDays(amount);
                    case "week", "weeks" -> today.plusWeeks(amount);
                    case "month", "months" -> today.plusMonths(amount);
                    case "year", "years" -> today.plusYears(amount);
                    default -> null;
                };
                return target != null && setDate(target, 3);
            }
            Optional<Month> month = month(lower);
            if (month.isPresent() && i + 1 < words.length && NUMBER.matcher(lower(i + 1)).matches()) {
                return monthDay(month.get(), Integer.parseInt(lower(i + 1)));
            }
            if (NUMBER.matcher(lower).matches() && i + 1 < words.length) {
                Optional<Month> after = month(lower(i + 1));
                if (after.isPresent()) {
                    return monthDay(after.get(), Integer.parseInt(lower));
                }
            }
            return false;
        }

        private boolean monthDay(Month month, int day) {
            if (day < 1 || day > month.maxLength()) {
                return false;
            }
            LocalDate today = today();
            LocalDate candidate = LocalDate.of(today.getYear(), month, Math.min(day, month.length(today.isLeapYear())));
            return setDate(candidate.isBefore(today) ? candidate.plusYears(1) : candidate, 2);
        }

        private boolean timeWords(String lower) {
            if (lower.equals("at") && i + 1 < words.length) {
                Optional<LocalTime> parsed = time(lower(i + 1), true);
                parsed.ifPresent(t -> {
                    time = Optional.of(t);
                    i += 2;
                });
                return parsed.isPresent();
            }
            if (lower.equals("noon")) {
                time = Optional.of(LocalTime.NOON);
                i++;
                return true;
            }
            Optional<LocalTime> parsed = time(lower, false);
            parsed.ifPresent(t -> {
                time = Optional.of(t);
                i++;
            });
            return parsed.isPresent();
        }

        /** "9am", "9:30pm", "21:00"; a bare number counts only after "at". */
        private Optional<LocalTime> time(String text, boolean afterAt) {
            Matcher matcher = TIME.matcher(text);
            if (!matcher.matches()) {
                return Optional.empty();
            }
            boolean hasMinutes = matcher.group(2) != null;
            String meridiem = matcher.group(3);
            if (!afterAt && !hasMinutes && meridiem == null) {
                return Optional.empty();
            }
            int hour = Integer.parseInt(matcher.group(1));
            int minute = hasMinutes ? Integer.parseInt(matcher.group(2)) : 0;
            if (meridiem != null) {
                if (hour < 1 || hour > 12) {
                    return Optional.empty();
                }
                hour = hour % 12 + (meridiem.equals("pm") ? 12 : 0);
            }
            if (hour > 23 || minute > 59) {
                return Optional.empty();
            }
            return Optional.of(LocalTime.of(hour, minute));
        }

        private boolean setDate(LocalDate value, int wordsUsed) {
            date = Optional.of(value);
            i += wordsUsed;
            return true;
        }

        private Optional<Due> due() {
            if (date.isEmpty() && time.isEmpty() && rule.isPresent()) {
                date = Optional.of(today());
            }
            if (date.isEmpty() && time.isEmpty()) {
                return Optional.empty();
            }
            if (time.isEmpty()) {
                return Optional.of(new Due.AllDay(date.get()));
            }
            LocalDate day = date.orElseGet(() ->
                    time.get().isAfter(now.toLocalTime()) ? today() : today().plusDays(1));
            return Optional.of(new Due.Timed(LocalDateTime.of(day, time.get()), now.getZone()));
        }

        private LocalDate today() {
            return now.toLocalDate();
        }

        private String lower(int index) {
            return words[index].toLowerCase(Locale.ROOT);
        }
    }

    private static String unquote(String word) {
        String stripped = word;
        if (stripped.startsWith("\"")) {
            stripped = stripped.substring(1);
        }
        if (stripped.endsWith("\"")) {
            stripped = stripped.substring(0, stripped.length() - 1);
        }
        return stripped;
    }

    private static Optional<DayOfWeek> dayOfWeek(String text) {
        for (DayOfWeek day : DayOfWeek.values()) {
            String full = day.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT);
            if (text.equals(full) || text.equals(full.substring(0, 3))) {
                return Optional.of(day);
            }
        }
        return Optional.empty();
    }

    private static Optional<Month> month(String text) {
        for (Month month : Month.values()) {
            String full = month.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT);
            if (text.length() >= 3 && full.startsWith(text)) {
                return Optional.of(month);
            }
        }
        return Optional.empty();
    }
}
