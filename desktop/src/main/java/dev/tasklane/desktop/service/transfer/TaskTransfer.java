package dev.tasklane.desktop.service.transfer;

import dev.tasklane.core.merge.TaskState;
import dev.tasklane.core.task.Task;
import dev.tasklane.desktop.service.tasks.Changed;
import dev.tasklane.desktop.service.tasks.SaveFailedException;
import dev.tasklane.desktop.service.tasks.TaskService;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Export of all tasks to a file, and import of a file through the normal mutation path: imported
 * tasks are written by {@link TaskService} in one transaction with their outbox mutations, so they
 * sync like typed ones, and an import is all or nothing — a bad file or a failed write leaves the
 * store as it was. Call off the UI thread.
 */
public final class TaskTransfer {

    /** Far above any real to-do export; stops a wrong file (a video) from being read into memory. */
    static final long MAX_FILE_BYTES = 50L * 1024 * 1024;

    private final TaskService tasks;

    public TaskTransfer(TaskService tasks) {
        this.tasks = tasks;
    }

    /**
     * Writes every live task (open and completed) to {@code file}, replacing it only once the whole
     * export is written, so a failure never leaves half a file.
     *
     * @return how many tasks were written
     */
    public int export(TransferFormat format, Path file) throws IOException {
        if (!format.exportable()) {
            throw new IllegalArgumentException(format.label() + " files can be imported, not exported");
        }
        List<Task> all = tasks.allTasks();
        Path absolute = file.toAbsolutePath();
        Path temporary = Files.createTempFile(absolute.getParent(), ".tasklane-export", ".tmp");
        try {
            try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                switch (format) {
                    case ICALENDAR -> ICalendarFormat.write(all, tasks.now(), out);
                    case JSON_BACKUP -> BackupFormat.write(all, tasks.now(), out);
                    case TODOIST_CSV -> throw new IllegalStateException("not exportable");
                }
            }
            try {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
        return all.size();
    }

    /**
     * Imports a file, its format told by its name or content. Tasks already here (same id, not
     * deleted) are left as they are and reported; a task deleted here comes back.
     *
     * @throws ImportFileException when the file cannot be used at all; nothing was imported then
     */
    public ImportReport importFile(Path file) throws ImportFileException {
        byte[] content = read(file);
        TransferFormat format = TransferFormat.detect(file.getFileName().toString(), content)
                .orElseThrow(() -> new ImportFileException("Tasklane imports iCalendar (.ics), Tasklane backup (.json) and Todoist"
                        + " export (.csv) files; “" + file.getFileName() + "” is none of these. Nothing was imported."));
        return importText(format, text(content));
    }

    /** Imports text in a known format (see {@link #importFile(Path)}). */
    public ImportReport importText(TransferFormat format, String text) throws ImportFileException {
        ZonedDateTime now = tasks.now().atZone(tasks.zone());
        Parsed parsed = switch (format) {
            case ICALENDAR -> ICalendarFormat.read(text, now);
            case JSON_BACKUP -> BackupFormat.read(text);
            case TODOIST_CSV -> TodoistCsvFormat.read(text, now);
        };
        List<Skipped> skipped = new ArrayList<>(parsed.skipped());
        List<TaskService.Edit> edits = new ArrayList<>();
        for (Task task : parsed.tasks()) {
            Optional<TaskState> existing = tasks.snapshot(task.id());
            Optional<Task> shown = existing.flatMap(TaskState::toTask);
            if (shown.isPresent() && !shown.get().deleted()) {
                skipped.add(new Skipped("“" + task.title() + "”", "already in Tasklane; the task there was left as it is"));
                continue;
            }
            // From the state it replaces: empty for a new task, the tombstone of one deleted here.
            edits.add(new TaskService.Edit(existing.orElse(TaskState.empty(task.id())), task));
        }
        List<Changed> written;
        try {
            written = edits.isEmpty() ? List.of() : tasks.writeAll(edits);
        } catch (SaveFailedException e) {
            throw new ImportFileException("The tasks could not be saved (" + e.getMessage() + "). Nothing was imported.", e);
        }
        // Undo edits come from the import's own transaction: undo removes what the import wrote, nothing else.
        List<Task> imported = written.stream().map(Changed::task).toList();
        List<TaskService.Edit> undo = written.stream().flatMap(change -> change.undo().stream()).toList();
        return new ImportReport(format, imported, skipped, undo);
    }

    private static byte[] read(Path file) throws ImportFileException {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new ImportFileException("“" + file.getFileName() + "” is larger than " + MAX_FILE_BYTES / 1024 / 1024
                        + " MB, far more than a to-do export. Nothing was imported.");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ImportFileException("“" + file.getFileName() + "” no longer exists. Nothing was imported.", e);
        } catch (IOException e) {
            throw new ImportFileException("“" + file.getFileName() + "” could not be read (" + e.getMessage() + "). Nothing was imported.", e);
        }
    }

    /** UTF-8, as all three formats are; a file in another encoding is refused rather than garbled. */
    private static String text(byte[] content) throws ImportFileException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw new ImportFileException("This file is not UTF-8 text (it may be a spreadsheet or another encoding);"
                    + " save it as UTF-8 and try again. Nothing was imported.", e);
        }
    }
}
