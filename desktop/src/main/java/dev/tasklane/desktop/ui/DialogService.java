package dev.tasklane.desktop.ui;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextArea;
import javafx.stage.Modality;
import javafx.stage.Window;

/** The one place that opens dialogs; logic code reports problems, this says them in plain words. */
public final class DialogService {

    private final Window owner;

    /** @param owner the main window: dialogs sit over it, titled by what they are, without their own taskbar entry */
    public DialogService(Window owner) {
        this.owner = owner;
    }

    /** Owned by the main window (no minimise/maximise, no taskbar entry of its own), titled "What — Tasklane". */
    private Alert alert(Alert.AlertType type, String heading, String message, ButtonType... buttons) {
        Alert alert = new Alert(type, message, buttons);
        if (owner.getScene() != null) {
            alert.initOwner(owner);
            alert.initModality(Modality.WINDOW_MODAL);
        }
        alert.setTitle(heading + " — Tasklane");
        alert.setHeaderText(heading);
        return alert;
    }

    /** Tells the user something went wrong and what they can do. */
    public void showError(String title, String message) {
        Alert alert = alert(Alert.AlertType.ERROR, title, message, ButtonType.OK);
        alert.showAndWait();
    }

    /**
     * Asks whether to set an unreadable store aside and start fresh.
     *
     * @return true when the user chose to keep a backup and start fresh
     */
    public boolean confirmBackupAndReset(String problem) {
        ButtonType reset = new ButtonType("Keep a backup and start fresh", ButtonBar.ButtonData.OK_DONE);
        ButtonType quit = new ButtonType("Quit", ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = alert(Alert.AlertType.WARNING, "Your tasks could not be opened", problem
                + "\n\nTasklane can move the damaged file into a backups folder (nothing is deleted) and start with an empty list,"
                + " or quit so you can restore the file yourself.", reset, quit);
        return alert.showAndWait().filter(reset::equals).isPresent();
    }

    /** The F1 help: one row per shortcut, the dialog as large as its text (no scrolling, no empty space). */
    public void showShortcuts(String shortcuts) {
        Alert alert = alert(Alert.AlertType.NONE, "Keyboard shortcuts", "", ButtonType.CLOSE);
        alert.getDialogPane().setContent(shortcutGrid(shortcuts));
        alert.getDialogPane().setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        Themes.style(alert.getDialogPane());
        alert.setResizable(false);
        alert.showAndWait();
    }

    /** A short confirmation ("Exported 12 tasks to …"). */
    public void showInfo(String title, String message) {
        Alert alert = alert(Alert.AlertType.INFORMATION, title, message, ButtonType.OK);
        Themes.style(alert.getDialogPane());
        alert.showAndWait();
    }

    /** What an import did, with everything it left out (one per line) in a scrollable list. */
    public void showImportReport(String summary, java.util.List<String> details) {
        Alert alert = alert(Alert.AlertType.INFORMATION, "Import finished", "", ButtonType.OK);
        javafx.scene.control.Label text = new javafx.scene.control.Label(summary);
        text.setWrapText(true);
        javafx.scene.layout.VBox content = new javafx.scene.layout.VBox(8, text);
        if (!details.isEmpty()) {
            TextArea list = new TextArea(String.join("\n", details));
            list.setId("importDetails");
            list.setEditable(false);
            list.setWrapText(true);
            list.setPrefRowCount(Math.min(12, details.size() + 1));
            content.getChildren().add(list);
        }
        content.setPrefWidth(520);
        alert.getDialogPane().setContent(content);
        Themes.style(alert.getDialogPane());
        alert.showAndWait();
    }

    /** Lays out "keys   what they do" lines as two aligned columns. */
    static javafx.scene.layout.GridPane shortcutGrid(String shortcuts) {
        javafx.scene.layout.GridPane grid = new javafx.scene.layout.GridPane();
        grid.setId("shortcuts");
        grid.setHgap(16);
        grid.setVgap(6);
        int row = 0;
        for (String line : shortcuts.strip().split("\\R")) {
            String[] parts = line.strip().split("\\s{2,}", 2);
            javafx.scene.control.Label keys = new javafx.scene.control.Label(parts[0]);
            keys.getStyleClass().add("shortcut-key");
            keys.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            javafx.scene.control.Label action = new javafx.scene.control.Label(parts.length > 1 ? parts[1] : "");
            action.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            grid.addRow(row++, keys, action);
        }
        return grid;
    }
}
