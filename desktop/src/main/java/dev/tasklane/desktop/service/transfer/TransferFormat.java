package dev.tasklane.desktop.service.transfer;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/** The file formats Tasklane reads and writes. */
public enum TransferFormat {
    /** RFC 5545 iCalendar: tasks as VTODO (written and read); calendar events (VEVENT) are read too. */
    ICALENDAR("iCalendar", "ics", true),
    /** Tasklane's own full backup: every field of every task, as JSON. */
    JSON_BACKUP("Tasklane backup", "json", true),
    /** A project exported from Todoist as CSV (read only). */
    TODOIST_CSV("Todoist CSV", "csv", false);

    private final String label;
    private final String extension;
    private final boolean exportable;

    TransferFormat(String label, String extension, boolean exportable) {
        this.label = label;
        this.extension = extension;
        this.exportable = exportable;
    }

    public String label() {
        return label;
    }

    /** The usual file extension, without the dot. */
    public String extension() {
        return extension;
    }

    public boolean exportable() {
        return exportable;
    }

    /**
     * The format of a file, by its name or else by its first bytes: an {@code .ics} that is really a
     * backup still opens as one.
     */
    public static Optional<TransferFormat> detect(String fileName, byte[] content) {
        String start = new String(content, 0, Math.min(content.length, 64), StandardCharsets.UTF_8).replace("\uFEFF", "").stripLeading();
        if (start.regionMatches(true, 0, "BEGIN:VCALENDAR", 0, 15)) {
            return Optional.of(ICALENDAR);
        }
        if (start.startsWith("{")) {
            return Optional.of(JSON_BACKUP);
        }
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".ics") || name.endsWith(".ical") || name.endsWith(".icalendar")) {
            return Optional.of(ICALENDAR);
        }
        if (name.endsWith(".json")) {
            return Optional.of(JSON_BACKUP);
        }
        if (name.endsWith(".csv")) {
            return Optional.of(TODOIST_CSV);
        }
        return Optional.empty();
    }
}
