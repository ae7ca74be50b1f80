package dev.tasklane.core.quickadd;

import dev.tasklane.core.task.Due;
import dev.tasklane.core.task.Priority;
import dev.tasklane.core.task.Recurrence;
import dev.tasklane.core.task.Reminder;
import dev.tasklane.core.task.Tags;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Parses a quick-add line such as {@code Pay rent tomorrow 9am !high #home every month} into a
 * title, due, priority, tags, recurrence and reminder. The grammar is documented in
 * {@code docs/quick-add.md}; words it does not recognise stay in the title, and a word in double
 * quotes is always kept as title text.
 *
 * <p>A repeating task's first due always falls on a day its rule produces: "every weekday" typed
 * on a Saturday starts on Monday, "every monday" typed on a Thursday starts on the coming Monday.
 */
public final class QuickAddParser {

    private static final Pattern TIME = Pattern.compile("(\\d{1,2})(?:([:.])(\\d{2}))?(am|pm|a|p)?");
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern SLASH_DATE = Pattern.compile("(\\d{1,2})/(\\d{1,2})(?:/(\\d{2}|\\d{4}))?");
    /** Dotted dates are written day first where they are used: "15.04." or "15.04.2027" (a trailing dot or a year is required, so "15.04" is never read as a date). */
    private static final Pattern DOT_DATE = Pattern.compile("(\\d{1,2})\\.(\\d{1,2})\\.(\\d{2}|\\d{4})?");
    private static final Pattern ORDINAL = Pattern.compile("(\\d{1,2})(st|nd|rd|th),?");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,3}");
    private static final Pattern YEAR = Pattern.compile("\\d{4}");
    private static final Pattern COMPACT_AMOUNT = Pattern.compile("(\\d{1,3})(m|min|mins|h|hr|hrs|d|w|wk|wks|mo)");
    /** Slash pairs that read as fractions in shopping lists ("1/2 kg flour"); dates only after "on", "by" or "due". */
    private static final Set<String> FRACTIONS = Set.of("1/2", "1/3", "2/3", "1/4", "3/4", "1/8", "3/8", "5/8", "7/8");
    private static final Map<String, Integer> NUMBER_WORDS = Map.ofEntries(
            Map.entry("a", 1), Map.entry("an", 1), Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3),
            Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7),
            Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10), Map.entry("eleven", 11),
            Map.entry("twelve", 12));
    private static final Map<String, LocalTime> PARTS_OF_DAY = Map.of(
            "morning", LocalTime.of(9, 0), "afternoon", LocalTime.of(15, 0),
            "evening", LocalTime.of(19, 0), "night", LocalTime.of(20, 0));
    private static final LocalTime TONIGHT = LocalTime.of(20, 0);
    private static final int ALIGN_LIMIT_DAYS = 800;

    private final ZonedDateTime now;
    private final DateOrder dateOrder;

    /**
     * @param now       the moment and zone that "today", "tomorrow" and "9am" are relative to
     * @param dateOrder how to read a numeric date whose two numbers could both be a day or a month
     */
    public QuickAddParser(ZonedDateTime now, DateOrder dateOrder) {
        this.now = now;
        this.dateOrder = dateOrder;
    }

    /** A parser that reads numeric dates day first ({@code 04/05} is 4 May). */
    public QuickAddParser(ZonedDateTime now) {
        this(now, DateOrder.DAY_FIRST);
    }

    public QuickAdd parse(String line) {
        return new Parse(line.strip().split("\\s+")).run();
    }

    /** An amount of time written in words or digits ("3 weeks", "an hour", "15m") and how many words it took. */
    private record Amount(long count, ChronoUnit unit, int words) {
    }

    /** A repeat rule as it is being read; written as an RRULE at the end. */
    private static final class Rule {
        String freq;
        int interval = 1;
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        int monthDay;

        String rrule() {
            StringBuilder rule = new StringBuilder("FREQ=").append(freq);
            if (interval > 1) {
                rule.append(";INTERVAL=").append(interval);
            }
            if (!days.isEmpty()) {
                rule.append(";BYDAY=").append(days.stream().map(QuickAddParser::code).collect(Collectors.joining(",")));
            }
            if (monthDay > 0) {
                rule.append(";BYMONTHDAY=").append(monthDay);
            }
            return rule.toString();
        }

        /** Whether {@code date} is a day this rule produces (the interval aside: the first due starts the count). */
        boolean matches(LocalDate date) {
            return (days.isEmpty() || days.contains(date.getDayOfWeek()))
                    && (monthDay == 0 || date.getDayOfMonth() == monthDay);
        }
    }

    /** One pass over the words of a line. */
    private final class Parse {
        private final String[] words;
        private final List<String> title = new ArrayList<>();
        private final List<String> tags = new ArrayList<>();
        private Priority priority = Priority.NONE;
        private Optional<LocalDate> date = Optional.empty();
        private Optional<LocalTime> time = Optional.empty();
        private Optional<Rule> rule = Optional.empty();
        private Optional<Duration> remindBefore = Optional.empty();
        private Optional<LocalTime> remindAt = Optional.empty();
        /** Set while reading the words after "on", "by" or "due": those words are certainly a date. */
        private boolean afterPrefix;
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
            Optional<Recurrence> recurrence = rule.map(r -> new Recurrence(r.rrule(), false));
            return new QuickAdd(String.join(" ", title), due, priority, Tags.normalize(tags), recurrence, reminder(due));
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
            return reminderWords(lower) || recurrence(lower) || prefixedDate(lower) || dateWords(lower) || timeWords(lower);
        }

        private Optional<Priority> priority(String text) {
            return switch (text) {
                case "high", "h", "3", "!!" -> Optional.of(Priority.HIGH);
                case "medium", "med", "m", "2", "!" -> Optional.of(Priority.MEDIUM);
                case "low", "l", "1", "" -> Optional.of(Priority.LOW);
                default -> Optional.empty();
            };
        }

        // ---- reminders

        /**
         * "remind me" (at the due), "remind me 15m before", "remind me 1 hour before", "remind at 8",
         * "remind me at 7:30am". "Remind me to …" is title text.
         */
        private boolean reminderWords(String lower) {
            if (!lower.equals("remind")) {
                return false;
            }
            int j = i + 1;
            boolean me = j < words.length && lower(j).equals("me");
            if (me) {
                j++;
            }
            // "remind me" with nothing after it (tags and priority aside) means at the due time.
            if (me && (j >= words.length || words[j].startsWith("#") || words[j].startsWith("!"))) {
                remindBefore = Optional.of(Duration.ZERO);
                i = j;
                return true;
            }
            if (j >= words.length) {
                return false; // "…remind" at the end, as typed on the way to "remind me 15m before": a title word for now
            }
            String next = lower(j);
            if (next.equals("at") && j + 1 < words.length) {
                Optional<LocalTime> at = timeWithMeridiemWord(j + 1, true);
                if (at.isPresent()) {
                    remindAt = at;
                    i = j + 1 + timeWordCount;
                    return true;
                }
                return false;
            }
            Optional<LocalTime> at = timeWithMeridiemWord(j, false);
            if (at.isPresent()) {
                remindAt = at;
                i = j + timeWordCount;
                return true;
            }
            Optional<Amount> amount = amount(j);
            if (amount.isPresent() && j + amount.get().words() < words.length
                    && lower(j + amount.get().words()).equals("before")) {
                Amount before = amount.get();
                if (before.unit() == ChronoUnit.MONTHS || before.unit() == ChronoUnit.YEARS) {
                    return false;
                }
                Duration offset = before.unit().getDuration().multipliedBy(before.count());
                if (offset.compareTo(Reminder.MAX_OFFSET) > 0) {
                    return false;
                }
                remindBefore = Optional.of(offset);
                i = j + before.words() + 1;
                if (i < words.length && (lower(i).equals("due") || lower(i).equals("it"))) {
                    i++;
                }
                return true;
            }
            return false;
        }

        private Optional<Reminder> reminder(Optional<Due> due) {
            if (remindAt.isPresent()) {
                LocalTime at = remindAt.get();
                LocalDate day = due.map(Due::date).orElseGet(() -> at.isAfter(now.toLocalTime()) ? today() : today().plusDays(1));
                return Optional.of(new Reminder.At(LocalDateTime.of(day, at).atZone(now.getZone()).toInstant()));
            }
            return remindBefore.map(Reminder.BeforeDue::new);
        }

        // ---- recurrence

        private boolean recurrence(String lower) {
            Rule read = new Rule();
            int next;
            switch (lower) {
                case "daily" -> read.freq = "DAILY";
                case "weekly" -> read.freq = "WEEKLY";
                case "fortnightly" -> {
                    read.freq = "WEEKLY";
                    read.interval = 2;
                }
                case "monthly" -> read.freq = "MONTHLY";
                case "yearly", "annually" -> read.freq = "YEARLY";
                default -> {
                }
            }
            if (read.freq != null) {
                next = i + 1;
            } else if (lower.equals("every") || lower.equals("each")) {
                Optional<Integer> used = everyWhat(read, i + 1);
                if (used.isEmpty()) {
                    return false;
                }
                next = i + 1 + used.get();
            } else {
                Optional<Set<DayOfWeek>> plural = pluralDay(lower);
                if (plural.isEmpty()) {
                    return false;
                }
                read.freq = "WEEKLY";
                read.days = plural.get();
                next = i + 1;
            }
            next += onWhichDays(read, next);
            rule = Optional.of(read);
            i = next;
            return true;
        }

        /** What follows "every": "day", "3 weeks", "other friday", "weekday", "mon, thu", "15th". Returns the words used. */
        private Optional<Integer> everyWhat(Rule read, int at) {
            if (at >= words.length) {
                return Optional.empty();
            }
            int interval = 1;
            int unitAt = at;
            String first = lower(at);
            if (first.equals("other")) {
                interval = 2;
                unitAt = at + 1;
            } else if (NUMBER.matcher(first).matches() || (NUMBER_WORDS.containsKey(first) && !first.equals("a") && !first.equals("an"))) {
                interval = NUMBER.matcher(first).matches() ? Integer.parseInt(first) : NUMBER_WORDS.get(first);
                unitAt = at + 1;
            }
            if (unitAt >= words.length || interval < 1 || interval > 1000) {
                return Optional.empty();
            }
            read.interval = interval;
            String unit = lower(unitAt);
            switch (unit) {
                case "day", "days" -> read.freq = "DAILY";
                case "week", "weeks" -> read.freq = "WEEKLY";
                case "month", "months" -> read.freq = "MONTHLY";
                case "year", "years" -> read.freq = "YEARLY";
                case "weekday", "weekdays", "workday", "workdays" -> {
                    read.freq = "WEEKLY";
                    read.days = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
                }
                case "weekend", "weekends" -> {
                    read.freq = "WEEKLY";
                    read.days = EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
                }
                case "morning", "afternoon", "evening", "night" -> {
                    read.freq = "DAILY";
                    if (time.isEmpty()) {
                        time = Optional.of(PARTS_OF_DAY.get(unit));
                    }
                }
                default -> {
                }
            }
            if (read.freq != null) {
                return Optional.of(unitAt - at + 1);
            }
            Matcher ordinal = ORDINAL.matcher(unit);
            if (ordinal.matches() && interval == 1) {
                int day = Integer.parseInt(ordinal.group(1));
                if (day < 1 || day > 31) {
                    return Optional.empty();
                }
                read.freq = "MONTHLY";
                read.monthDay = day;
                int used = unitAt - at + 1;
                if (unitAt + 2 < words.length && lower(unitAt + 1).equals("of") && lower(unitAt + 2).equals("month")) {
                    used += 2;
                }
                return Optional.of(used);
            }
            Optional<DayList> days = dayList(unitAt);
            if (days.isEmpty()) {
                return Optional.empty();
            }
            read.freq = "WEEKLY";
            read.days = days.get().days();
            return Optional.of(unitAt - at + days.get().words());
        }

        /** "… on mon, thu" after a weekly rule, "… on the 15th" after a monthly one. Returns the words used. */
        private int onWhichDays(Rule read, int at) {
            if (at + 1 >= words.length || !lower(at).equals("on")) {
                return 0;
            }
            if (read.freq.equals("WEEKLY") && read.days.isEmpty()) {
                Optional<DayList> days = dayList(at + 1);
                if (days.isPresent()) {
                    read.days = days.get().days();
                    return 1 + days.get().words();
                }
            }
            if (read.freq.equals("MONTHLY") && read.monthDay == 0) {
                int k = at + 1;
                if (lower(k).equals("the") && k + 1 < words.length) {
                    k++;
                }
                Matcher ordinal = ORDINAL.matcher(lower(k));
                if (ordinal.matches()) {
                    int day = Integer.parseInt(ordinal.group(1));
                    if (day >= 1 && day <= 31) {
                        read.monthDay = day;
                        return k - at + 1;
                    }
                }
            }
            return 0;
        }

        private record DayList(Set<DayOfWeek> days, int words) {
        }

        /** "mon,thu", "mon, wed, fri", "monday and thursday", "tue & thu": the days and the words used. */
        private Optional<DayList> dayList(int at) {
            Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            int k = at;
            boolean joinerPending = false;
            while (k < words.length) {
                String word = lower(k);
                if (!days.isEmpty() && (word.equals("and") || word.equals("&"))) {
                    joinerPending = true;
                    k++;
                    continue;
                }
                Set<DayOfWeek> inWord = EnumSet.noneOf(DayOfWeek.class);
                boolean allDays = true;
                for (String part : word.split(",")) {
                    if (part.isEmpty()) {
                        continue;
                    }
                    Optional<DayOfWeek> day = dayOfWeek(part).or(() -> pluralDay(part).map(s -> s.iterator().next()));
                    if (day.isEmpty()) {
                        allDays = false;
                        break;
                    }
                    inWord.add(day.get());
                }
                if (!allDays || inWord.isEmpty()) {
                    break;
                }
                days.addAll(inWord);
                joinerPending = false;
                k++;
            }
            if (joinerPending) {
                k--;
            }
            return days.isEmpty() ? Optional.empty() : Optional.of(new DayList(days, k - at));
        }

        // ---- dates

        /** "on", "by", "for", "due", "due on", "due by" before a date (and "by" before a time): the prefix belongs to the date, not the title. */
        private boolean prefixedDate(String lower) {
            if (!lower.equals("on") && !lower.equals("by") && !lower.equals("due") && !lower.equals("for")) {
                return false;
            }
            int start = i;
            int skip = 1;
            if (lower.equals("due") && i + 1 < words.length && (lower(i + 1).equals("on") || lower(i + 1).equals("by"))) {
                skip = 2;
            }
            if (start + skip >= words.length) {
                return false;
            }
            i = start + skip;
            afterPrefix = true;
            try {
                String next = lower(i);
                if (dateWords(next) || (lower.equals("on") && recurrence(next)) || (lower.equals("by") && timeWords(next))) {
                    return true;
                }
            } finally {
                afterPrefix = false;
            }
            i = start;
            return false;
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
                case "tomorrow", "tmr", "tmrw", "tomorow" -> {
                    return setDate(today.plusDays(1), 1);
                }
                default -> {
                }
            }
            if (lower.equals("day") && followedBy("after", "tomorrow")) {
                return setDate(today.plusDays(2), 3);
            }
            if (ISO_DATE.matcher(lower).matches()) {
                try {
                    return setDate(LocalDate.parse(lower), 1);
                } catch (DateTimeParseException e) {
                    return false;
                }
            }
            if (numericDate(lower)) {
                return true;
            }
            if (lower.equals("end") || (lower.equals("the") && followedBy("end"))) {
                return endOf(lower.equals("the") ? 1 : 0);
            }
            if ((lower.equals("next") || lower.equals("this")) && i + 1 < words.length) {
                return nextOrThis(lower, today);
            }
            Optional<DayOfWeek> day = dayOfWeek(lower);
            if (day.isPresent()) {
                return setDate(today.with(TemporalAdjusters.nextOrSame(day.get())), 1);
            }
            if (lower.equals("in") && i + 1 < words.length) {
                return inAmount();
            }
            if (lower.equals("the") && i + 1 < words.length && ORDINAL.matcher(lower(i + 1)).matches()) {
                return dayOfMonthOrMonthDay(i + 1, 1);
            }
            if (afterPrefix && ORDINAL.matcher(lower).matches()) {
                return dayOfMonthOrMonthDay(i, 0);
            }
            Optional<Month> month = month(lower);
            if (month.isPresent() && i + 1 < words.length) {
                Optional<Integer> day2 = dayNumber(lower(i + 1));
                if (day2.isPresent()) {
                    return monthDay(month.get(), day2.get(), 2);
                }
            }
            Optional<Integer> dayFirst = dayNumber(lower);
            if (dayFirst.isPresent() && i + 1 < words.length) {
                int monthAt = i + 1;
                if (lower(monthAt).equals("of") && monthAt + 1 < words.length) {
                    monthAt++;
                }
                Optional<Month> after = month(stripComma(lower(monthAt)));
                if (after.isPresent()) {
                    return monthDay(after.get(), dayFirst.get(), monthAt - i + 1);
                }
            }
            return false;
        }

        private boolean nextOrThis(String lower, LocalDate today) {
            String what = lower(i + 1);
            Optional<DayOfWeek> day = dayOfWeek(what);
            if (day.isPresent()) {
                LocalDate target = lower.equals("next")
                        ? today.with(TemporalAdjusters.next(day.get()))
                        : today.with(TemporalAdjusters.nextOrSame(day.get()));
                return setDate(target, 2);
            }
            LocalDate weekend = today.getDayOfWeek() == DayOfWeek.SUNDAY ? today : today.with(TemporalAdjusters.nextOrSame(DayOfWeek.SATURDAY));
            return switch (what) {
                case "weekend" -> setDate(lower.equals("next") ? weekend.plusWeeks(1) : weekend, 2);
                case "week" -> lower.equals("next") && setDate(today.with(TemporalAdjusters.next(DayOfWeek.MONDAY)), 2);
                case "month" -> lower.equals("next") && setDate(today.with(TemporalAdjusters.firstDayOfNextMonth()), 2);
                case "year" -> lower.equals("next") && setDate(today.with(TemporalAdjusters.firstDayOfNextYear()), 2);
                default -> false;
            };
        }

        /** "end of week" (Friday), "end of [the] month", "end of [the] year"; {@code lead} words ("the") come first. */
        private boolean endOf(int lead) {
            int k = i + lead + 1;
            if (k >= words.length || !lower(k).equals("of") || k + 1 >= words.length) {
                return false;
            }
            k++;
            if (lower(k).equals("the") && k + 1 < words.length) {
                k++;
            }
            LocalDate today = today();
            LocalDate target = switch (lower(k)) {
                case "week" -> today.with(TemporalAdjusters.nextOrSame(DayOfWeek.FRIDAY));
                case "month" -> today.with(TemporalAdjusters.lastDayOfMonth());
                case "year" -> today.with(TemporalAdjusters.lastDayOfYear());
                default -> null;
            };
            return target != null && setDate(target, k - i + 1);
        }

        /** "in 3 days", "in a week", "in two months", "in 10 minutes", "in 2h". */
        private boolean inAmount() {
            Optional<Amount> amount = amount(i + 1);
            if (amount.isEmpty()) {
                return false;
            }
            Amount found = amount.get();
            int used = 1 + found.words();
            if (i + used < words.length && (lower(i + used).equals("time") || lower(i + used).equals("time's"))) {
                used++;
            }
            if (found.unit() == ChronoUnit.MINUTES || found.unit() == ChronoUnit.HOURS) {
                LocalDateTime at = now.toLocalDateTime().plus(found.count(), found.unit()).withSecond(0).withNano(0);
                date = Optional.of(at.toLocalDate());
                time = Optional.of(at.toLocalTime());
                i += used;
                return true;
            }
            return setDate(today().plus(found.count(), found.unit()), used);
        }

        /** A count and unit starting at {@code at}: "3 weeks", "a day", "two hours", "15m", "1h". */
        private Optional<Amount> amount(int at) {
            if (at >= words.length) {
                return Optional.empty();
            }
            String first = lower(at);
            Matcher compact = COMPACT_AMOUNT.matcher(first);
            if (compact.matches()) {
                ChronoUnit unit = switch (compact.group(2)) {
                    case "m", "min", "mins" -> ChronoUnit.MINUTES;
                    case "h", "hr", "hrs" -> ChronoUnit.HOURS;
                    case "d" -> ChronoUnit.DAYS;
                    case "w", "wk", "wks" -> ChronoUnit.WEEKS;
                    default -> ChronoUnit.MONTHS;
                };
                return Optional.of(new Amount(Long.parseLong(compact.group(1)), unit, 1));
            }
            long count;
            if (NUMBER.matcher(first).matches()) {
                count = Long.parseLong(first);
            } else if (NUMBER_WORDS.containsKey(first)) {
                count = NUMBER_WORDS.get(first);
            } else {
                return Optional.empty();
            }
            if (at + 1 >= words.length) {
                return Optional.empty();
            }
            String unitWord = stripComma(lower(at + 1));
            if (unitWord.equals("fortnight") || unitWord.equals("fortnights")) {
                return Optional.of(new Amount(count * 2, ChronoUnit.WEEKS, 2));
            }
            ChronoUnit unit = switch (unitWord) {
                case "minute", "minutes", "min", "mins" -> ChronoUnit.MINUTES;
                case "hour", "hours", "hr", "hrs", "h" -> ChronoUnit.HOURS;
                case "day", "days" -> ChronoUnit.DAYS;
                case "week", "weeks", "wk", "wks" -> ChronoUnit.WEEKS;
                case "month", "months" -> ChronoUnit.MONTHS;
                case "year", "years" -> ChronoUnit.YEARS;
                default -> null;
            };
            return unit == null ? Optional.empty() : Optional.of(new Amount(count, unit, 2));
        }

        /** 15/04, 04/15, 15/04/2027, 15.04., 15.04.2027 — see {@link DateOrder}. */
        private boolean numericDate(String lower) {
            String text = stripComma(lower);
            Matcher dot = DOT_DATE.matcher(text);
            if (dot.matches()) {
                Optional<LocalDate> parsed = dayMonth(Integer.parseInt(dot.group(1)), Integer.parseInt(dot.group(2)), dot.group(3));
                return parsed.isPresent() && setDate(parsed.get(), 1);
            }
            Matcher slash = SLASH_DATE.matcher(text);
            if (!slash.matches()) {
                return false;
            }
            if (slash.group(3) == null && FRACTIONS.contains(text) && !afterPrefix) {
                return false;
            }
            int a = Integer.parseInt(slash.group(1));
            int b = Integer.parseInt(slash.group(2));
            Optional<LocalDate> dayFirst = dayMonth(a, b, slash.group(3));
            Optional<LocalDate> monthFirst = dayMonth(b, a, slash.group(3));
            // The locale decides only when both readings are dates; "15/04" is 15 April everywhere.
            Optional<LocalDate> chosen = dateOrder == DateOrder.DAY_FIRST ? dayFirst.or(() -> monthFirst) : monthFirst.or(() -> dayFirst);
            return chosen.isPresent() && setDate(chosen.get(), 1);
        }

        /** A day and month with an optional year; without a year, this year's or, once past, next year's. */
        private Optional<LocalDate> dayMonth(int day, int month, String yearText) {
            if (month < 1 || month > 12 || day < 1 || day > Month.of(month).maxLength()) {
                return Optional.empty();
            }
            try {
                if (yearText != null) {
                    int year = Integer.parseInt(yearText);
                    return Optional.of(LocalDate.of(year < 100 ? 2000 + year : year, month, day));
                }
                LocalDate today = today();
                LocalDate candidate = nextValid(today.getYear(), month, day);
                return Optional.of(candidate.isBefore(today) ? nextValid(today.getYear() + 1, month, day) : candidate);
            } catch (DateTimeException e) {
                return Optional.empty();
            }
        }

        /** 29 February in a year without it is the next leap year's. */
        private LocalDate nextValid(int year, int month, int day) {
            int y = year;
            while (day > Month.of(month).length(java.time.Year.isLeap(y))) {
                y++;
            }
            return LocalDate.of(y, month, day);
        }

        /** "the 15th" (this month, or next month once past), or "the 15th of march". */
        private boolean dayOfMonthOrMonthDay(int ordinalAt, int lead) {
            Matcher ordinal = ORDINAL.matcher(lower(ordinalAt));
            if (!ordinal.matches()) {
                return false;
            }
            int day = Integer.parseInt(ordinal.group(1));
            if (day < 1 || day > 31) {
                return false;
            }
            int k = ordinalAt + 1;
            if (k < words.length && lower(k).equals("of") && k + 1 < words.length) {
                k++;
            }
            if (k < words.length) {
                Optional<Month> month = month(stripComma(lower(k)));
                if (month.isPresent()) {
                    return monthDay(month.get(), day, k - i + 1);
                }
            }
            LocalDate candidate = today();
            for (int step = 0; step < ALIGN_LIMIT_DAYS && candidate.getDayOfMonth() != day; step++) {
                candidate = candidate.plusDays(1);
            }
            return candidate.getDayOfMonth() == day && setDate(candidate, lead + 1);
        }

        private boolean monthDay(Month month, int day, int wordsUsed) {
            Optional<LocalDate> parsed = dayMonth(day, month.getValue(), null);
            if (parsed.isEmpty()) {
                return false;
            }
            int used = wordsUsed;
            if (i + used < words.length && YEAR.matcher(lower(i + used)).matches()) {
                Optional<LocalDate> withYear = dayMonth(day, month.getValue(), lower(i + used));
                if (withYear.isPresent()) {
                    return setDate(withYear.get(), used + 1);
                }
            }
            return setDate(parsed.get(), used);
        }

        // ---- times

        /** Words used by the last successful {@link #timeWithMeridiemWord}. */
        private int timeWordCount;

        private boolean timeWords(String lower) {
            if (lower.equals("at") && i + 1 < words.length) {
                Optional<LocalTime> parsed = timeWithMeridiemWord(i + 1, true);
                parsed.ifPresent(t -> {
                    time = Optional.of(t);
                    i += 1 + timeWordCount;
                });
                return parsed.isPresent();
            }
            Optional<LocalTime> parsed = timeWithMeridiemWord(i, false);
            parsed.ifPresent(t -> {
                time = Optional.of(t);
                i += timeWordCount;
            });
            return parsed.isPresent();
        }

        /** "9am", "9:30pm", "21:00", "noon", "9 pm" (two words); a bare hour only when {@code afterAt}. */
        private Optional<LocalTime> timeWithMeridiemWord(int at, boolean afterAt) {
            String text = lower(at);
            if (text.equals("noon") || text.equals("midday")) {
                timeWordCount = 1;
                return Optional.of(LocalTime.NOON);
            }
            if (at + 1 < words.length && (lower(at + 1).equals("am") || lower(at + 1).equals("pm")) && !text.endsWith("m")) {
                Optional<LocalTime> twoWords = time(text + lower(at + 1), true);
                if (twoWords.isPresent()) {
                    timeWordCount = 2;
                    return twoWords;
                }
            }
            timeWordCount = 1;
            return time(text, afterAt);
        }

        private Optional<LocalTime> time(String text, boolean afterAt) {
            Matcher matcher = TIME.matcher(text);
            if (!matcher.matches()) {
                return Optional.empty();
            }
            boolean hasMinutes = matcher.group(3) != null;
            String meridiem = matcher.group(4);
            if (!afterAt && !hasMinutes && meridiem == null) {
                return Optional.empty();
            }
            // "15.04" is not a time (nor a date): a dot needs am/pm.
            if (".".equals(matcher.group(2)) && meridiem == null) {
                return Optional.empty();
            }
            int hour = Integer.parseInt(matcher.group(1));
            int minute = hasMinutes ? Integer.parseInt(matcher.group(3)) : 0;
            if (meridiem != null) {
                if (hour < 1 || hour > 12) {
                    return Optional.empty();
                }
                hour = hour % 12 + (meridiem.startsWith("p") ? 12 : 0);
            }
            if (hour > 23 || minute > 59) {
                return Optional.empty();
            }
            return Optional.of(LocalTime.of(hour, minute));
        }

        private boolean setDate(LocalDate value, int wordsUsed) {
            date = Optional.of(value);
            i += wordsUsed;
            // "tomorrow morning", "friday evening"
            if (i < words.length && PARTS_OF_DAY.containsKey(lower(i)) && time.isEmpty()) {
                time = Optional.of(PARTS_OF_DAY.get(lower(i)));
                i++;
            }
            return true;
        }

        private Optional<Due> due() {
            if (date.isEmpty() && time.isEmpty() && rule.isEmpty()) {
                return Optional.empty();
            }
            LocalDate day = date.orElseGet(() ->
                    time.isEmpty() || time.get().isAfter(now.toLocalTime()) ? today() : today().plusDays(1));
            if (rule.isPresent()) {
                day = firstMatching(rule.get(), day);
            }
            if (time.isEmpty()) {
                return Optional.of(new Due.AllDay(day));
            }
            return Optional.of(new Due.Timed(LocalDateTime.of(day, time.get()), now.getZone()));
        }

        /** The first day on or after {@code from} that the rule produces, so the first due satisfies the rule. */
        private LocalDate firstMatching(Rule read, LocalDate from) {
            LocalDate day = from;
            for (int step = 0; step < ALIGN_LIMIT_DAYS && !read.matches(day); step++) {
                day = day.plusDays(1);
            }
            return day;
        }

        private LocalDate today() {
            return now.toLocalDate();
        }

        private boolean followedBy(String... next) {
            for (int k = 0; k < next.length; k++) {
                if (i + 1 + k >= words.length || !lower(i + 1 + k).equals(next[k])) {
                    return false;
                }
            }
            return true;
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

    private static String stripComma(String word) {
        return word.endsWith(",") ? word.substring(0, word.length() - 1) : word;
    }

    /** "5", "5th", "5," — a day of the month. */
    private static Optional<Integer> dayNumber(String text) {
        String plain = stripComma(text);
        Matcher ordinal = ORDINAL.matcher(plain);
        if (ordinal.matches()) {
            return Optional.of(Integer.parseInt(ordinal.group(1)));
        }
        return plain.matches("\\d{1,2}") ? Optional.of(Integer.parseInt(plain)) : Optional.empty();
    }

    private static String code(DayOfWeek day) {
        return day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).substring(0, 2).toUpperCase(Locale.ROOT);
    }

    private static Optional<DayOfWeek> dayOfWeek(String raw) {
        String text = stripComma(raw);
        for (DayOfWeek day : DayOfWeek.values()) {
            String full = day.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT);
            if (text.equals(full) || text.equals(full.substring(0, 3))) {
                return Optional.of(day);
            }
        }
        return switch (text) {
            case "tues" -> Optional.of(DayOfWeek.TUESDAY);
            case "weds" -> Optional.of(DayOfWeek.WEDNESDAY);
            case "thur", "thurs" -> Optional.of(DayOfWeek.THURSDAY);
            default -> Optional.empty();
        };
    }

    /** "mondays" — every Monday. */
    private static Optional<Set<DayOfWeek>> pluralDay(String raw) {
        String text = stripComma(raw);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (text.equals(day.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT) + "s")) {
                return Optional.of(EnumSet.of(day));
            }
        }
        return Optional.empty();
    }

    private static Optional<Month> month(String text) {
        if (text.equals("sept")) {
            return Optional.of(Month.SEPTEMBER);
        }
        for (Month month : Month.values()) {
            String full = month.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT);
            if (text.length() >= 3 && full.startsWith(text)) {
                return Optional.of(month);
            }
        }
        return Optional.empty();
    }
}
