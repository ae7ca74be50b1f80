package dev.tasklane.desktop.viewmodel;

import dev.tasklane.core.task.Reminder;
import java.time.Duration;
import java.util.Optional;

/** The reminder options offered in the editor. */
public enum ReminderChoice {
    NONE("No reminder", null),
    AT_DUE("At due time", Duration.ZERO),
    MINUTES_5("5 minutes before", Duration.ofMinutes(5)),
    MINUTES_15("15 minutes before", Duration.ofMinutes(15)),
    MINUTES_30("30 minutes before", Duration.ofMinutes(30)),
    HOUR_1("1 hour before", Duration.ofHours(1)),
    DAY_1("1 day before", Duration.ofDays(1)),
    CUSTOM("At a date and time…", null);

    private final String label;
    private final Duration offset;

    ReminderChoice(String label, Duration offset) {
        this.label = label;
        this.offset = offset;
    }

    public Optional<Duration> offset() {
        return Optional.ofNullable(offset);
    }

    public static ReminderChoice of(Optional<Reminder> reminder) {
        if (reminder.isEmpty()) {
            return NONE;
        }
        return switch (reminder.get()) {
            case Reminder.At ignored -> CUSTOM;
            case Reminder.BeforeDue before -> {
                for (ReminderChoice choice : values()) {
                    if (before.offset().equals(choice.offset)) {
                        yield choice;
                    }
                }
                yield CUSTOM;
            }
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
