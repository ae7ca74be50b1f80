package dev.tasklane.desktop.service.transfer;

import dev.tasklane.core.id.TaskIds;
import dev.tasklane.core.quickadd.QuickAdd;
import dev.tasklane.core.quickadd.QuickAddParser;
import dev.tasklane.core.task.Due;
import dev.tasklane.core.task.Priority;
import dev.tasklane.core.task.Task;
import dev.tasklane.core.task.ValidationException;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a Todoist project exported as CSV (columns {@code TYPE, CONTENT, DESCRIPTION, PRIORITY,
 * INDENT, AUTHOR, RESPONSIBLE, DATE, DATE_LANG, TIMEZONE, …}), through Apache Commons CSV.
 *
 * <ul>
 *   <li>{@code task} rows become tasks; {@code @label} words in the content become tags.</li>
 *   <li>Todoist's PRIORITY 1 is its highest (p1): 1 high, 2 medium, 3 low, 4 none.</li>
 *   <li>DATE is Todoist's own wording ("every monday", "tomorrow 9am", "2026-12-01"); it is read with
 *       the quick-add grammar in the row's TIMEZONE. A date that grammar does not know is left out
 *       and reported; the task is still imported.</li>
 *   <li>{@code note} rows (comments) are added to the notes of the task above them.</li>
 *   <li>{@code section} rows are reported (Tasklane has no sections); sub-tasks (INDENT above 1)
 *       become tasks of their own.</li>
 * </ul>
 */
final class TodoistCsvFormat {

    private static final Pattern LABEL = Pattern.compile("(?<=^|\\s)@([\\p{L}\\p{N}_\\-/.]+)");
    private static final List<DateTimeFormatter> DATE_FORMATS = List.of(
            DateTimeFormatter.ofPattern("MMM d uuuu", Locale.ENGLISH),
            DateTimeFormatter.ofPattern("d MMM uuuu", Locale.ENGLISH),
            DateTimeFormatter.ofPattern("MMMM d uuuu", Locale.ENGLISH),
            DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH));

    private TodoistCsvFormat() {
    }

    static Parsed read(String text, ZonedDateTime now) throws ImportFileException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
                .setAllowMissingColumnNames(true).setIgnoreHeaderCase(true).setTrim(false).get();
        List<Task> tasks = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text.replace("\uFEFF", "")), format)) {
            Map<String, Integer> header = parser.getHeaderMap();
            for (String column : List.of("TYPE", "CONTENT")) {
                if (header.keySet().stream().noneMatch(name -> name.strip().equalsIgnoreCase(column))) {
                    throw new ImportFileException("This CSV file is not a Todoist export: it has no " + column
                            + " column (a Todoist export starts with TYPE,CONTENT,DESCRIPTION,PRIORITY,…). Nothing was imported.");
                }
            }
            TaskDraft current = null;
            for (CSVRecord row : parser) {
                String type = column(row, "TYPE").strip().toLowerCase(Locale.ROOT);
                String content = column(row, "CONTENT").strip();
                String label = "row " + (row.getRecordNumber() + 1) + (content.isEmpty() ? "" : " “" + shorten(content) + "”");
                switch (type) {
                    case "task" -> {
                        if (current != null) {
                            current.build(skipped).ifPresent(tasks::add);
                        }
                        current = draft(row, content, label, now, skipped);
                    }
                    case "note" -> {
                        if (current == null) {
                            skipped.add(new Skipped(label, "a comment with no task above it"));
                        } else if (!content.isEmpty()) {
                            current.notes = current.notes.isEmpty() ? content : current.notes + "\n\n" + content;
                        }
                    }
                    case "section" -> skipped.add(new Skipped("section “" + shorten(content) + "”",
                            "Tasklane has no sections; the tasks under it were imported"));
                    case "" -> {
                        // Todoist writes an empty row between sections.
                    }
                    default -> skipped.add(new Skipped(label, "unknown row type “" + type + "”"));
                }
            }
            if (current != null) {
                current.build(skipped).ifPresent(tasks::add);
            }
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            // Commons CSV reports malformed quoting and duplicate headers as unchecked exceptions.
            throw new ImportFileException("This CSV file could not be read (" + e.getMessage() + "). Nothing was imported.", e);
        }
        return new Parsed(tasks, skipped);
    }

    private static TaskDraft draft(CSVRecord row, String content, String label, ZonedDateTime now, List<Skipped> skipped) {
        TaskDraft draft = new TaskDraft(TaskIds.newTaskId(), label, now.toInstant());
        Matcher labels = LABEL.matcher(content);
        while (labels.find()) {
            draft.tags.add(labels.group(1));
        }
        draft.title = LABEL.matcher(content).replaceAll("").strip().replaceAll("\\s{2,}", " ");
        draft.notes = column(row, "DESCRIPTION").strip();
        draft.priority = switch (column(row, "PRIORITY").strip()) {
            case "1" -> Priority.HIGH;
            case "2" -> Priority.MEDIUM;
            case "3" -> Priority.LOW;
            default -> Priority.NONE;
        };
        String date = column(row, "DATE").strip();
        if (!date.isEmpty()) {
            ZoneId zone = zone(column(row, "TIMEZONE").strip()).orElse(now.getZone());
            Optional<QuickAdd> understood = understand(date, now.withZoneSameInstant(zone));
            if (understood.isPresent()) {
                draft.due = understood.get().due();
                draft.recurrence = understood.get().recurrence();
            } else {
                skipped.add(new Skipped(label, "date “" + date + "” not understood; imported without a date"));
            }
        }
        return draft;
    }

    /** Todoist's date text read by the quick-add grammar; empty unless every word of it was understood. */
    private static Optional<QuickAdd> understand(String date, ZonedDateTime now) {
        try {
            QuickAdd parsed = new QuickAddParser(now).parse("x " + date);
            if (parsed.title().equals("x") && parsed.due().isPresent()) {
                return Optional.of(parsed);
            }
        } catch (ValidationException | DateTimeException e) {
            // not in the grammar; the fixed formats below may still know it
        }
        for (DateTimeFormatter format : DATE_FORMATS) {
            try {
                LocalDate day = LocalDate.parse(date.replace(",", ""), format);
                return Optional.of(new QuickAdd("x", Optional.of(new Due.AllDay(day)), Priority.NONE, List.of(), Optional.empty()));
            } catch (DateTimeParseException e) {
                // try the next format
            }
        }
        return Optional.empty();
    }

    private static Optional<ZoneId> zone(String id) {
        if (id.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZoneId.of(id));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static String column(CSVRecord row, String name) {
        return row.isMapped(name) && row.isSet(name) ? row.get(name) : "";
    }

    private static String shorten(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }
}
