package dev.tasklane.core.task;

import java.util.UUID;

/**
 * Ties an occurrence of a recurring task to its series: the series id (the id of the first
 * occurrence) and the 1-based number of this occurrence, which enforces an RRULE's COUNT.
 */
public record SeriesLink(UUID seriesId, int occurrence) {

    public SeriesLink {
        if (occurrence < 1) {
            throw new IllegalArgumentException("occurrence numbers start at 1: " + occurrence);
        }
    }

    /** The text form {@code <uuid>#<n>}. */
    public String encode() {
        return seriesId + "#" + occurrence;
    }

    /** Parses {@link #encode()}'s form. */
    public static SeriesLink parse(String text) {
        int hash = text.indexOf('#');
        if (hash < 0) {
            throw new IllegalArgumentException("a series link is <uuid>#<n>: " + text);
        }
        try {
            return new SeriesLink(UUID.fromString(text.substring(0, hash)), Integer.parseInt(text.substring(hash + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a series link is <uuid>#<n>: " + text, e);
        }
    }
}
