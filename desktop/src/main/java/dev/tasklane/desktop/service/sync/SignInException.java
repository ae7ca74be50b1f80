package dev.tasklane.desktop.service.sync;

/** Signing in did not work; the message says why in words a user can act on. */
public final class SignInException extends Exception {
    public SignInException(String message, Throwable cause) {
        super(message, cause);
    }
}
