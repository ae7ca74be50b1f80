package dev.tasklane.core.task;

import java.util.Locale;
import org.dmfs.rfc5545.recur.Freq;
import org.dmfs.rfc5545.recur.InvalidRecurrenceRuleException;
import org.dmfs.rfc5545.recur.RecurrenceRule;

/**
 * How a task repeats: an RFC 5545 RRULE (without DTSTART; the task's due is the start), and
 * whether the next occurrence counts from the schedule or from the day the task was completed
 * ("every 3 days after I do it").
 *
 * <p>Frequencies are DAILY, WEEKLY, MONTHLY and YEARLY; sub-daily rules are refused because a
 * to-do that repeats hourly is almost always a mistake and would flood the list.
 */
public record Recurrence(String rule, boolean fromCompletion) {

    private static final String COMPLETION_PREFIX = "AFTER-COMPLETION:";
    public static final int RULE_MAX = 500;

    public Recurrence {
        rule = canonical(rule);
    }

    /** The parsed rule; parsing again is cheap and keeps this record immutable. */
    public RecurrenceRule parsedRule() {
        try {
            return new RecurrenceRule(rule, RecurrenceRule.RfcMode.RFC5545_STRICT);
        } catch (InvalidRecurrenceRuleException e) {
            throw new IllegalStateException("validated rule no longer parses: " + rule, e);
        }
    }

    /** {@code FREQ=...} or {@code AFTER-COMPLETION:FREQ=...}. */
    public String encode() {
        return fromCompletion ? COMPLETION_PREFIX + rule : rule;
    }

    /** Parses {@link #encode()}'s form. */
    public static Recurrence parse(String text) {
        String trimmed = text.strip();
        if (trimmed.toUpperCase(Locale.ROOT).startsWith(COMPLETION_PREFIX)) {
            return new Recurrence(trimmed.substring(COMPLETION_PREFIX.length()), true);
        }
        return new Recurrence(trimmed, false);
    }

    private static String canonical(String text) {
        String trimmed = text.strip();
        if (trimmed.toUpperCase(Locale.ROOT).startsWith("RRULE:")) {
            trimmed = trimmed.substring(6);
        }
        trimmed = trimmed.toUpperCase(Locale.ROOT);
        if (trimmed.isEmpty()) {
            throw ValidationException.of("recurrence", "invalid_rrule", "Enter a repeat rule, e.g. FREQ=WEEKLY;BYDAY=MO.");
        }
        if (trimmed.length() > RULE_MAX) {
            throw ValidationException.of("recurrence", "invalid_rrule", "The repeat rule is longer than " + RULE_MAX + " characters.");
        }
        if (trimmed.contains("DTSTART")) {
            throw ValidationException.of("recurrence", "invalid_rrule", "Leave DTSTART out: the task's due date is the start.");
        }
        RecurrenceRule parsed;
        try {
            parsed = new RecurrenceRule(trimmed, RecurrenceRule.RfcMode.RFC5545_STRICT);
        } catch (InvalidRecurrenceRuleException | RuntimeException e) {
            throw ValidationException.of("recurrence", "invalid_rrule",
                    "\"" + trimmed + "\" is not a valid RFC 5545 repeat rule" + reason(e));
        }
        Freq freq = parsed.getFreq();
        if (freq != Freq.DAILY && freq != Freq.WEEKLY && freq != Freq.MONTHLY && freq != Freq.YEARLY) {
            throw ValidationException.of("recurrence", "unsupported_frequency",
                    "Repeat daily, weekly, monthly or yearly; " + freq + " is not supported.");
        }
        if (parsed.getInterval() < 1 || parsed.getInterval() > 1000) {
            throw ValidationException.of("recurrence", "invalid_rrule", "INTERVAL must be between 1 and 1000.");
        }
        Integer count = parsed.getCount();
        if (count != null && count < 1) {
            throw ValidationException.of("recurrence", "invalid_rrule", "COUNT must be at least 1.");
        }
        return trimmed;
    }

    private static String reason(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? "." : ": " + message + ".";
    }
}
