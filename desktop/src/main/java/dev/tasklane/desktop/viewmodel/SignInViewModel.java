package dev.tasklane.desktop.viewmodel;

import dev.tasklane.desktop.sync.SignInException;
import dev.tasklane.desktop.sync.SyncAccount;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The "Sign in to sync" form: server address, email, password, and whether to create the
 * account. Signing in runs off the UI thread; the outcome comes back as {@code error} or
 * {@code signedIn}.
 */
public final class SignInViewModel {

    // ---- properties
    private final StringProperty server = new SimpleStringProperty("http://localhost:8080");
    private final StringProperty email = new SimpleStringProperty("");
    private final StringProperty password = new SimpleStringProperty("");
    private final BooleanProperty createAccount = new SimpleBooleanProperty(false);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper signedIn = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper storageWarning = new ReadOnlyStringWrapper("");

    private final SyncAccount account;
    private final Executor background;
    private final Executor uiExecutor;

    public SignInViewModel(SyncAccount account, Executor background, Executor uiExecutor) {
        this.account = account;
        this.background = background;
        this.uiExecutor = uiExecutor;
        account.lastServer().ifPresent(server::set);
        account.lastEmail().ifPresent(email::set);
        // Asking may open the OS keychain (D-Bus), so it happens in the background.
        background.execute(() -> {
            String warning = account.tokenStorageWarning().orElse("");
            uiExecutor.execute(() -> storageWarning.set(warning));
        });
    }

    /** Why the sign-in will not be kept in an OS keychain; empty where it will be. */
    public ReadOnlyStringProperty storageWarningProperty() {
        return storageWarning.getReadOnlyProperty();
    }

    /** Opens the form afresh (for "sign in" or "switch server"): nothing pending, not signed in. */
    public void reset() {
        error.set("");
        password.set("");
        // The account exists by now (or the user is switching to another server): sign in, not create.
        createAccount.set(false);
        signedIn.set(false);
        account.lastServer().ifPresent(server::set);
    }

    public StringProperty serverProperty() {
        return server;
    }

    public StringProperty emailProperty() {
        return email;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    public BooleanProperty createAccountProperty() {
        return createAccount;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty signedInProperty() {
        return signedIn.getReadOnlyProperty();
    }

    /** Checks the form, then signs in in the background. */
    public void signIn() {
        URI uri;
        try {
            uri = new URI(server.get().strip());
            if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
                throw new URISyntaxException(server.get(), "not an http(s) address");
            }
        } catch (URISyntaxException e) {
            error.set("Enter the server address, e.g. https://sync.example.com");
            return;
        }
        if (email.get().isBlank() || password.get().isEmpty()) {
            error.set("Enter your email and password.");
            return;
        }
        error.set("");
        busy.set(true);
        String mail = email.get().strip();
        String secret = password.get();
        boolean create = createAccount.get();
        background.execute(() -> {
            String problem = "";
            boolean wrongPassword = false;
            try {
                account.signIn(uri, mail, secret, create);
            } catch (SignInException e) {
                problem = e.getMessage();
                wrongPassword = e.wrongCredentials();
            }
            String outcome = problem;
            boolean clearPassword = outcome.isEmpty() || wrongPassword;
            uiExecutor.execute(() -> {
                busy.set(false);
                error.set(outcome);
                // What the user typed stays, so a typo in the address costs one fix, not a form;
                // only a wrong password is cleared (and it is never kept after success).
                if (clearPassword) {
                    password.set("");
                }
                signedIn.set(outcome.isEmpty());
            });
        });
    }
}
