package dev.tasklane.desktop.service.tasks;

import dev.tasklane.core.task.Recurrence;
import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Says a repeat rule the way people do: "every weekday", "every 2 weeks on Monday and Thursday",
 * "every month on the 15th". Rules with parts beyond those (COUNT, UNTIL, BYSETPOS …) are shown as
 * the rule itself, since a half-translated rule would mislead.
 */
public final class RepeatText {

    private static final Set<String> SAYABLE = Set.of("FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY");
    private static final List<String> CODES = List.of("MO", "TU", "WE", "TH", "FR", "SA", "SU");

    private RepeatText() {
    }

    public static String describe(Recurrence recurrence) {
        String text = plain(recurrence.rule()).orElse("repeats " + recurrence.rule());
        return recurrence.fromCompletion() ? text + ", counted from completion" : text;
    }

    private static Optional<String> plain(String rule) {
        String freq = "";
        int interval = 1;
        List<DayOfWeek> days = new ArrayList<>();
        String monthDay = "";
        for (String part : rule.split(";")) {
            String[] pair = part.split("=", 2);
            if (pair.length != 2 || !SAYABLE.contains(pair[0])) {
                return Optional.empty();
            }
            switch (pair[0]) {
                case "FREQ" -> freq = pair[1];
                case "INTERVAL" -> interval = Integer.parseInt(pair[1]);
                case "BYDAY" -> {
                    for (String code : pair[1].split(",")) {
                        int index = CODES.indexOf(code);
                        if (index < 0) {
                            return Optional.empty();
                        }
                        days.add(DayOfWeek.of(index + 1));
                    }
                }
                default -> {
                    if (pair[1].contains(",") || pair[1].startsWith("-")) {
                        return Optional.empty();
                    }
                    monthDay = pair[1];
                }
            }
        }
        String unit = switch (freq) {
            case "DAILY" -> "day";
            case "WEEKLY" -> "week";
            case "MONTHLY" -> "month";
            case "YEARLY" -> "year";
            default -> "";
        };
        if (unit.isEmpty() || (!days.isEmpty() && !freq.equals("WEEKLY")) || (!monthDay.isEmpty() && !freq.equals("MONTHLY"))) {
            return Optional.empty();
        }
        String every = interval == 1 ? "every " + unit : interval == 2 && !unit.equals("day") ? "every other " + unit
                : "every " + interval + " " + unit + "s";
        if (!days.isEmpty()) {
            List<DayOfWeek> sorted = days.stream().sorted().toList();
            if (interval == 1 && sorted.equals(List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY))) {
                return Optional.of("every weekday");
            }
            if (interval == 1 && sorted.equals(List.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY))) {
                return Optional.of("every weekend");
            }
            String names = join(sorted.stream().map(d -> d.getDisplayName(TextStyle.FULL, Locale.ENGLISH)).toList());
            return Optional.of(interval == 1 ? "every " + names : every + " on " + names);
        }
        if (!monthDay.isEmpty()) {
            return Optional.of(every + " on the " + ordinal(Integer.parseInt(monthDay)));
        }
        return Optional.of(every);
    }

    private static String join(List<String> names) {
        if (names.size() == 1) {
            return names.getFirst();
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.getLast();
    }

    static String ordinal(int day) {
        String suffix = (day % 100 >= 11 && day % 100 <= 13) ? "th" : switch (day % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return day + suffix;
    }
}
