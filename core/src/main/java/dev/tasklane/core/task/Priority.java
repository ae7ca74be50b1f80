package dev.tasklane.core.task;

import java.util.Locale;
import java.util.Optional;

/** How urgent a task is. Order matters: {@code HIGH} sorts first when sorting by priority. */
public enum Priority {
    NONE, LOW, MEDIUM, HIGH;

    /** Parses a name case-insensitively ("high", "HIGH"); empty if it is not a priority. */
    public static Optional<Priority> parse(String text) {
        for (Priority priority : values()) {
            if (priority.name().equalsIgnoreCase(text.strip())) {
                return Optional.of(priority);
            }
        }
        return Optional.empty();
    }

    /** A human label, e.g. "High". */
    public String label() {
        String lower = name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }
}
