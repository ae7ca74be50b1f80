package dev.tasklane.desktop.viewmodel;

import java.util.Optional;

/** Common repeat rules offered in the editor; {@link #CUSTOM} takes any RRULE. */
public enum RecurrencePreset {
    NONE("Does not repeat", ""),
    DAILY("Every day", "FREQ=DAILY"),
    WEEKDAYS("Every weekday", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"),
    WEEKLY("Every week", "FREQ=WEEKLY"),
    MONTHLY("Every month", "FREQ=MONTHLY"),
    YEARLY("Every year", "FREQ=YEARLY"),
    CUSTOM("Custom rule…", "");

    private final String label;
    private final String rule;

    RecurrencePreset(String label, String rule) {
        this.label = label;
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }

    /** The preset whose rule is exactly {@code rule}, if any. */
    public static Optional<RecurrencePreset> matching(String rule) {
        for (RecurrencePreset preset : values()) {
            if (!preset.rule.isEmpty() && preset.rule.equals(rule)) {
                return Optional.of(preset);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return label;
    }
}
