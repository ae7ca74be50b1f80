package dev.tasklane.desktop.sync.tokens.keychain;

import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.Keyring;
import com.github.javakeyring.KeyringStorageType;
import com.github.javakeyring.PasswordAccessException;
import java.util.Locale;
import java.util.Optional;

/**
 * The macOS Keychain and the Windows Credential Manager through java-keyring (JNA). Not used on
 * Linux: java-keyring's Secret Service backend is built on dbus-java 4, which cannot share the class
 * path with the dbus-java 5 the notifications use — {@link SecretServiceKeychain} speaks the
 * Secret Service protocol itself there.
 */
final class JavaKeyringKeychain implements Keychain {

    private final Keyring keyring;
    private final String kind;

    private JavaKeyringKeychain(Keyring keyring, String kind) {
        this.keyring = keyring;
        this.kind = kind;
    }

    static Optional<Keychain> open(boolean mac, StringBuilder whyNot) {
        try {
            // The backend named outright: java-keyring's own search would load every backend class.
            Keyring keyring = Keyring.create(mac ? KeyringStorageType.OSX_KEYCHAIN : KeyringStorageType.WINDOWS_CREDENTIAL_STORE);
            return Optional.of(new JavaKeyringKeychain(keyring, mac ? "macOS Keychain" : "Windows Credential Manager"));
        } catch (BackendNotSupportedException | RuntimeException | LinkageError e) {
            whyNot.append(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public Optional<String> read(String service, String account) throws KeychainException {
        try {
            return Optional.ofNullable(keyring.getPassword(service, account)).filter(v -> !v.isEmpty());
        } catch (PasswordAccessException e) {
            // java-keyring reports "no such entry" with the same exception as a failure; an absent
            // entry is the common case (never signed in), so it reads as empty.
            if (missing(e)) {
                return Optional.empty();
            }
            throw new KeychainException("the keychain refused to read the sign-in: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new KeychainException("the keychain failed to read the sign-in: " + e.getMessage(), e);
        }
    }

    @Override
    public void write(String service, String account, String secret) throws KeychainException {
        try {
            keyring.setPassword(service, account, secret);
        } catch (PasswordAccessException | RuntimeException e) {
            throw new KeychainException("the keychain refused to store the sign-in: " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String service, String account) throws KeychainException {
        try {
            keyring.deletePassword(service, account);
        } catch (PasswordAccessException e) {
            if (!missing(e)) {
                throw new KeychainException("the keychain refused to forget the sign-in: " + e.getMessage(), e);
            }
        } catch (RuntimeException e) {
            throw new KeychainException("the keychain failed to forget the sign-in: " + e.getMessage(), e);
        }
    }

    private static boolean missing(PasswordAccessException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return message.contains("not found") || message.contains("no password") || message.contains("could not be found")
                || message.contains("no such") || message.contains("not exist") || message.contains("element not found");
    }

    @Override
    public void close() {
        try {
            keyring.close();
        } catch (Exception e) {
            // Closing only releases native handles; nothing is lost if it fails.
        }
    }
}
