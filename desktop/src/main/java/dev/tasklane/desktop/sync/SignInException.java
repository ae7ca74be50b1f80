package dev.tasklane.desktop.sync;

/**
 * Signing in did not work; the message says why in words a user can act on (never a class name).
 * {@code wrongCredentials} tells the form to clear the password and keep everything else.
 */
public final class SignInException extends Exception {

    private final boolean wrongCredentials;

    public SignInException(String message, boolean wrongCredentials, Throwable cause) {
        super(message, cause);
        this.wrongCredentials = wrongCredentials;
    }

    public boolean wrongCredentials() {
        return wrongCredentials;
    }
}
