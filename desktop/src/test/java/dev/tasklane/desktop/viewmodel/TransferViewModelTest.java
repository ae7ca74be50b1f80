package dev.tasklane.desktop.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasklane.core.task.Task;
import dev.tasklane.desktop.TestDesktop;
import dev.tasklane.desktop.service.tasks.TaskService;
import dev.tasklane.desktop.service.transfer.TaskTransfer;
import dev.tasklane.desktop.service.transfer.TransferFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransferViewModelTest {

    @TempDir
    Path directory;
    private TestDesktop desktop;
    private TaskService tasks;
    private MainViewModel main;
    private TransferViewModel model;
    private final List<TransferViewModel.Outcome> outcomes = new ArrayList<>();

    @BeforeEach
    void open() throws Exception {
        desktop = new TestDesktop(Files.createDirectories(directory.resolve("store")));
        tasks = desktop.context.tasks();
        main = desktop.context.mainViewModel();
        main.load();
        model = new TransferViewModel(new TaskTransfer(tasks), main::recordUndo, Runnable::run, Runnable::run);
        model.onOutcome(outcomes::add);
    }

    @AfterEach
    void close() {
        desktop.close();
    }

    @Test
    void anImportIsUndoneAsOneStepAndTheUndoSyncs() throws Exception {
        tasks.quickAdd("Already here");
        Path file = directory.resolve("todoist.csv");
        Files.copy(getClass().getResourceAsStream("/transfer/todoist-export.csv"), file);

        model.importFrom(file);

        assertThat(outcomes).singleElement().isInstanceOfSatisfying(TransferViewModel.Outcome.Imported.class, imported -> {
            assertThat(imported.summary()).isEqualTo("Imported 5 tasks from the Todoist CSV file; 2 items left out or changed (see below)."
                    + " Ctrl+Z undoes the import.");
            assertThat(imported.details()).hasSize(2).allMatch(line -> line.contains(": "));
        });
        assertThat(tasks.allTasks()).hasSize(6);
        assertThat(main.canUndoProperty().get()).isTrue();
        long pendingBeforeUndo = tasks.pendingChanges();

        main.undo();

        assertThat(tasks.allTasks()).extracting(Task::title).containsExactly("Already here");
        assertThat(main.messageProperty().get()).isEqualTo("Undone: Imported 5 tasks from “todoist.csv”");
        assertThat(tasks.pendingChanges()).as("the undo is written as mutations, so it syncs").isEqualTo(pendingBeforeUndo + 5);
        assertThat(main.canUndoProperty().get()).isFalse();
    }

    @Test
    void aRefusedFileSaysWhyAndLeavesNothingToUndo() throws Exception {
        Path file = directory.resolve("broken.json");
        Files.writeString(file, "{\"format\": \"tasklane-backup\", \"version\": 1, \"tasks\": [ {");

        model.importFrom(file);

        assertThat(outcomes).singleElement().isEqualTo(new TransferViewModel.Outcome.Failed("Nothing was imported",
                "This is not a readable JSON file (line 1, column 57). Nothing was imported."));
        assertThat(main.canUndoProperty().get()).isFalse();
        assertThat(model.busyProperty().get()).isFalse();
    }

    @Test
    void exportWritesTheFileAndSaysHowManyTasks() {
        tasks.quickAdd("Pay rent tomorrow #home");
        tasks.quickAdd("Call Ada");
        Path file = directory.resolve(model.suggestedFileName(TransferFormat.JSON_BACKUP, LocalDate.parse("2026-11-26")));

        model.exportTo(TransferFormat.JSON_BACKUP, file);

        assertThat(file.getFileName().toString()).isEqualTo("tasklane-backup-2026-11-26.json");
        assertThat(file).exists();
        assertThat(outcomes).containsExactly(new TransferViewModel.Outcome.Exported("Exported 2 tasks to “tasklane-backup-2026-11-26.json”."));
    }
}
