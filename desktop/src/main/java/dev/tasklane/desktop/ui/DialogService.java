package dev.tasklane.desktop.ui;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextArea;

/** The one place that opens dialogs; logic code reports problems, this says them in plain words. */
public final class DialogService {

    /** Tells the user something went wrong and what they can do. */
    public void showError(String title, String message) {
        Alert alert = new Alert(Alert.AlertType.ERROR, message, ButtonType.OK);
        alert.setTitle("Tasklane");
        alert.setHeaderText(title);
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
        Alert alert = new Alert(Alert.AlertType.WARNING, problem
                + "\n\nTasklane can move the damaged file into a backups folder (nothing is deleted) and start with an empty list,"
                + " or quit so you can restore the file yourself.", reset, quit);
        alert.setTitle("Tasklane");
        alert.setHeaderText("Your tasks could not be opened");
        return alert.showAndWait().filter(reset::equals).isPresent();
    }

    public void showShortcuts(String shortcuts) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.setTitle("Tasklane");
        alert.setHeaderText("Keyboard shortcuts");
        TextArea text = new TextArea(shortcuts);
        text.setEditable(false);
        text.setStyle("-fx-font-family: monospace;");
        text.setPrefRowCount(13);
        alert.getDialogPane().setContent(text);
        alert.showAndWait();
    }

    /** A short confirmation ("Exported 12 tasks to …"). */
    public void showInfo(String title, String message) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION, message, ButtonType.OK);
        alert.setTitle("Tasklane");
        alert.setHeaderText(title);
        alert.showAndWait();
    }

    /** What an import did, with everything it left out (one per line) in a scrollable list. */
    public void showImportReport(String summary, java.util.List<String> details) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.setTitle("Tasklane");
        alert.setHeaderText("Import finished");
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
        alert.showAndWait();
    }
}
