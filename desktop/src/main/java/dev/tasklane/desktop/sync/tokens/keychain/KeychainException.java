package dev.tasklane.desktop.sync.tokens.keychain;

/** A keychain operation that failed (locked keychain, dismissed prompt, service gone). */
public final class KeychainException extends Exception {

    public KeychainException(String message) {
        super(message);
    }

    public KeychainException(String message, Throwable cause) {
        super(message, cause);
    }
}
