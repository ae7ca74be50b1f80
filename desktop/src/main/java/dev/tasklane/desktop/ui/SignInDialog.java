package dev.tasklane.desktop.ui;

import dev.tasklane.desktop.viewmodel.SignInViewModel;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** The "Sign in to sync" dialog; stays open with the server's message until sign-in works. */
final class SignInDialog {

    private SignInDialog() {
    }

    static void show(Window owner, SignInViewModel model) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Sign in — Tasklane");
        dialog.setHeaderText("Sign in to sync your tasks across devices");
        TextField server = new TextField();
        server.setId("signInServer");
        server.textProperty().bindBidirectional(model.serverProperty());
        TextField email = new TextField();
        email.setId("signInEmail");
        email.textProperty().bindBidirectional(model.emailProperty());
        PasswordField password = new PasswordField();
        password.setId("signInPassword");
        password.textProperty().bindBidirectional(model.passwordProperty());
        password.setOnAction(e -> model.signIn());
        CheckBox create = new CheckBox("Create this account");
        create.selectedProperty().bindBidirectional(model.createAccountProperty());
        Label error = new Label();
        error.getStyleClass().add("field-error");
        error.setWrapText(true);
        error.setMaxWidth(360);
        server.setPrefColumnCount(24);
        error.textProperty().bind(model.errorProperty());
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.setPadding(new Insets(12));
        grid.addRow(0, new Label("Server"), server);
        grid.addRow(1, new Label("Email"), email);
        grid.addRow(2, new Label("Password"), password);
        grid.add(create, 1, 3);
        grid.add(error, 0, 4, 2, 1);
        // Shown only where the sign-in cannot go into an OS keychain.
        Label keychain = new Label();
        keychain.setId("signInKeychainWarning");
        keychain.getStyleClass().add("keychain-warning");
        keychain.setWrapText(true);
        keychain.setMaxWidth(360);
        keychain.textProperty().bind(model.storageWarningProperty());
        keychain.visibleProperty().bind(model.storageWarningProperty().isNotEmpty());
        keychain.managedProperty().bind(keychain.visibleProperty());
        grid.add(keychain, 0, 5, 2, 1);
        dialog.getDialogPane().setContent(grid);
        Themes.style(dialog.getDialogPane());
        ButtonType signIn = new ButtonType("Sign in", javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(signIn, ButtonType.CANCEL);
        Button signInButton = (Button) dialog.getDialogPane().lookupButton(signIn);
        signInButton.disableProperty().bind(model.busyProperty());
        signInButton.addEventFilter(ActionEvent.ACTION, event -> {
            event.consume(); // close only after the server said yes
            model.signIn();
        });
        model.signedInProperty().addListener((obs, old, done) -> {
            if (done) {
                dialog.setResult(signIn);
                dialog.close();
            }
        });
        // The server address is usually prefilled; start where the user types first.
        dialog.setOnShown(e -> javafx.application.Platform.runLater(email::requestFocus));
        dialog.showAndWait();
    }
}
