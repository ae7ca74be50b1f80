package dev.tasklane.desktop.sync.tokens.keychain;

import java.util.Locale;
import java.util.Optional;

/**
 * The operating system's store for secrets: the Secret Service over D-Bus on Linux (GNOME Keyring,
 * KWallet, KeePassXC), the login Keychain on macOS, the Credential Manager on Windows. Entries are
 * addressed by service and account, as all three name them. Calls may block (a D-Bus round trip,
 * an unlock prompt): use them off the UI thread.
 */
public interface Keychain extends AutoCloseable {

    /** The keychain's kind, for the log ("Secret Service", "macOS Keychain", …). */
    String kind();

    /** The secret, or empty when there is none. */
    Optional<String> read(String service, String account) throws KeychainException;

    /** Stores {@code secret}, replacing an earlier one for the same service and account. */
    void write(String service, String account, String secret) throws KeychainException;

    /** Removes the entry; nothing happens when there is none. */
    void delete(String service, String account) throws KeychainException;

    @Override
    void close();

    /**
     * The keychain of this computer, or empty (with the reason in {@code whyNot}) where there is
     * none: a Linux session without a Secret Service, a server, a CI runner without a D-Bus session.
     */
    static Optional<Keychain> open(StringBuilder whyNot) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("linux") || os.contains("bsd")) {
            return SecretServiceKeychain.connect(whyNot);
        }
        if (os.contains("mac") || os.contains("windows")) {
            return JavaKeyringKeychain.open(os.contains("mac"), whyNot);
        }
        whyNot.append("no keychain support for ").append(os);
        return Optional.empty();
    }
}
