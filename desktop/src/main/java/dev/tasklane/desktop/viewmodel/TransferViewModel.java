package dev.tasklane.desktop.viewmodel;

import dev.tasklane.desktop.service.tasks.TaskService;
import dev.tasklane.desktop.service.transfer.ImportFileException;
import dev.tasklane.desktop.service.transfer.ImportReport;
import dev.tasklane.desktop.service.transfer.Skipped;
import dev.tasklane.desktop.service.transfer.TaskTransfer;
import dev.tasklane.desktop.service.transfer.TransferFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/**
 * Import and export commands (File menu). The work runs off the UI thread; each ends in one
 * {@link Outcome} for the view to show. A finished import is recorded as one undo step.
 */
public final class TransferViewModel {

    private static final Logger LOG = Logger.getLogger(TransferViewModel.class.getName());

    /** How an import or export ended, in words for the user. */
    public sealed interface Outcome {
        /** An export was written. */
        record Exported(String message) implements Outcome {
        }

        /** An import finished: the summary and, one per line, everything left out and why. */
        record Imported(String summary, List<String> details) implements Outcome {
        }

        /** Nothing happened, and why. */
        record Failed(String title, String message) implements Outcome {
        }
    }

    /** Where an import's undo step goes (the main window's undo list). */
    @FunctionalInterface
    public interface UndoRecorder {
        void record(String description, List<TaskService.Edit> undo);
    }

    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final List<Consumer<Outcome>> listeners = new CopyOnWriteArrayList<>();
    private final TaskTransfer transfer;
    private final UndoRecorder undo;
    private final Executor background;
    private final Executor uiExecutor;

    public TransferViewModel(TaskTransfer transfer, UndoRecorder undo, Executor background, Executor uiExecutor) {
        this.transfer = transfer;
        this.undo = undo;
        this.background = background;
        this.uiExecutor = uiExecutor;
    }

    /** True while an import or export runs (the menu is disabled meanwhile). */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public void onOutcome(Consumer<Outcome> listener) {
        listeners.add(listener);
    }

    /** A file name to suggest, e.g. {@code tasklane-2026-11-26.ics}. */
    public String suggestedFileName(TransferFormat format, java.time.LocalDate today) {
        return (format == TransferFormat.JSON_BACKUP ? "tasklane-backup-" : "tasklane-") + today + "." + format.extension();
    }

    public void exportTo(TransferFormat format, Path file) {
        run(() -> {
            try {
                int count = transfer.export(format, file);
                return done(new Outcome.Exported("Exported " + (count == 1 ? "1 task" : count + " tasks") + " to “" + file.getFileName() + "”."));
            } catch (IOException e) {
                LOG.log(Level.WARNING, "export to " + file + " failed", e);
                return done(new Outcome.Failed("Export failed", "“" + file.getFileName() + "” could not be written: "
                        + (e.getMessage() == null ? "the disk refused it." : e.getMessage()) + " Choose another folder and try again."));
            }
        });
    }

    public void importFrom(Path file) {
        run(() -> {
            try {
                ImportReport report = transfer.importFile(file);
                Outcome outcome = new Outcome.Imported(report.summary() + (report.imported().isEmpty() ? "" : " Ctrl+Z undoes the import."),
                        report.skipped().stream().map(Skipped::describe).toList());
                return new Done(outcome, () -> undo.record("Imported " + report.imported().size() + " tasks from “"
                        + file.getFileName() + "”", report.undo()));
            } catch (ImportFileException e) {
                LOG.info(() -> "import of " + file + " refused: " + e.getMessage());
                return done(new Outcome.Failed("Nothing was imported", e.getMessage()));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "import of " + file + " failed", e);
                return done(new Outcome.Failed("Nothing was imported", "The import stopped on an unexpected problem; your tasks are as they were."));
            }
        });
    }

    /** An outcome, and what to do on the UI thread before it is shown. */
    private record Done(Outcome outcome, Runnable onUiThread) {
    }

    private static Done done(Outcome outcome) {
        return new Done(outcome, () -> { });
    }

    private void run(java.util.function.Supplier<Done> work) {
        busy.set(true);
        background.execute(() -> {
            Done done = work.get();
            uiExecutor.execute(() -> {
                busy.set(false);
                done.onUiThread().run();
                listeners.forEach(listener -> listener.accept(done.outcome()));
            });
        });
    }
}
