package dev.tasklane.desktop.ui;

import dev.tasklane.desktop.service.transfer.TransferFormat;
import dev.tasklane.desktop.viewmodel.TransferViewModel;
import java.io.File;
import java.time.LocalDate;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The "Import / Export" menu button: file choosers in front of {@link TransferViewModel}. */
public final class TransferMenu {

    private final TransferViewModel model;
    private final DialogService dialogs;
    private final MenuButton button = new MenuButton("Import / Export");
    /** The folder last used, so the next chooser opens there. */
    private File lastFolder;

    public TransferMenu(TransferViewModel model, DialogService dialogs) {
        this.model = model;
        this.dialogs = dialogs;
        button.setId("transferMenu");
        MenuItem importItem = new MenuItem("Import tasks… (iCalendar, Tasklane backup, Todoist CSV)");
        importItem.setId("importTasks");
        importItem.setOnAction(e -> chooseImport());
        MenuItem exportCalendar = new MenuItem("Export to iCalendar (.ics)…");
        exportCalendar.setId("exportCalendar");
        exportCalendar.setOnAction(e -> chooseExport(TransferFormat.ICALENDAR));
        MenuItem exportBackup = new MenuItem("Back up all tasks (.json)…");
        exportBackup.setId("exportBackup");
        exportBackup.setOnAction(e -> chooseExport(TransferFormat.JSON_BACKUP));
        button.getItems().setAll(importItem, new SeparatorMenuItem(), exportCalendar, exportBackup);
        button.disableProperty().bind(model.busyProperty());
        model.onOutcome(outcome -> {
            switch (outcome) {
                case TransferViewModel.Outcome.Exported exported -> dialogs.showInfo("Export finished", exported.message());
                case TransferViewModel.Outcome.Imported imported -> dialogs.showImportReport(imported.summary(), imported.details());
                case TransferViewModel.Outcome.Failed failed -> dialogs.showError(failed.title(), failed.message());
            }
        });
    }

    public MenuButton node() {
        return button;
    }

    private void chooseImport() {
        FileChooser chooser = chooser("Import tasks");
        chooser.getExtensionFilters().setAll(
                new FileChooser.ExtensionFilter("Tasks (*.ics, *.json, *.csv)", "*.ics", "*.ical", "*.json", "*.csv"),
                new FileChooser.ExtensionFilter("iCalendar (*.ics)", "*.ics", "*.ical"),
                new FileChooser.ExtensionFilter("Tasklane backup (*.json)", "*.json"),
                new FileChooser.ExtensionFilter("Todoist export (*.csv)", "*.csv"));
        File file = chooser.showOpenDialog(window());
        if (file != null) {
            lastFolder = file.getParentFile();
            model.importFrom(file.toPath());
        }
    }

    private void chooseExport(TransferFormat format) {
        FileChooser chooser = chooser(format == TransferFormat.JSON_BACKUP ? "Back up all tasks" : "Export to iCalendar");
        chooser.getExtensionFilters().setAll(new FileChooser.ExtensionFilter(format.label() + " (*." + format.extension() + ")",
                "*." + format.extension()));
        chooser.setInitialFileName(model.suggestedFileName(format, LocalDate.now()));
        File file = chooser.showSaveDialog(window());
        if (file != null) {
            lastFolder = file.getParentFile();
            model.exportTo(format, file.toPath());
        }
    }

    private FileChooser chooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        if (lastFolder != null && lastFolder.isDirectory()) {
            chooser.setInitialDirectory(lastFolder);
        } else {
            // Not the folder the app happened to be started from: the user's Documents, or home.
            File home = new File(System.getProperty("user.home"));
            File documents = new File(home, "Documents");
            File start = documents.isDirectory() ? documents : home;
            if (start.isDirectory()) {
                chooser.setInitialDirectory(start);
            }
        }
        return chooser;
    }

    private Window window() {
        return button.getScene().getWindow();
    }
}
