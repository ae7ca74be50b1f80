package dev.tasklane.desktop.viewmodel;

import dev.tasklane.core.quickadd.QuickAdd;
import dev.tasklane.core.task.Due;
import dev.tasklane.core.task.Priority;
import dev.tasklane.core.task.Reminder;
import dev.tasklane.desktop.service.tasks.DueText;
import dev.tasklane.desktop.service.tasks.RepeatText;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/** How a quick-add line will be read, in one line of plain words, shown under the bar before Enter. */
final class QuickAddPreview {

    private QuickAddPreview() {
    }

    static String describe(QuickAdd parsed, ZonedDateTime now) {
        List<String> parts = new ArrayList<>();
        parts.add(parsed.title().isBlank() ? "No title yet" : "“" + parsed.title() + "”");
        parsed.due().ifPresent(due -> parts.add("due " + DueText.relative(due, now)));
        parsed.recurrence().ifPresent(rule -> parts.add("repeats " + RepeatText.describe(rule)));
        if (parsed.priority() != Priority.NONE) {
            parts.add(parsed.priority().label().toLowerCase(java.util.Locale.ROOT) + " priority");
        }
        parsed.tags().forEach(tag -> parts.add("#" + tag));
        parsed.reminder().ifPresent(reminder -> parts.add(reminderText(reminder, now)));
        return String.join(" · ", parts);
    }

    private static String reminderText(Reminder reminder, ZonedDateTime now) {
        return switch (reminder) {
            case Reminder.BeforeDue before -> "reminder " + beforeDue(before.offset());
            case Reminder.At at -> "reminder " + DueText.relative(
                    new Due.Timed(at.instant().atZone(now.getZone()).toLocalDateTime(), now.getZone()), now);
        };
    }

    /** "at the due time", "15 min before", "1 day before". */
    static String beforeDue(Duration offset) {
        return offset.isZero() ? "at the due time" : say(offset) + " before";
    }

    /** "15 min", "1 hour", "2 days", "1 week". */
    static String say(Duration offset) {
        long minutes = offset.toMinutes();
        if (minutes % (7 * 24 * 60) == 0) {
            return plural(minutes / (7 * 24 * 60), "week");
        }
        if (minutes % (24 * 60) == 0) {
            return plural(minutes / (24 * 60), "day");
        }
        if (minutes % 60 == 0) {
            return plural(minutes / 60, "hour");
        }
        return minutes + " min";
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }
}
