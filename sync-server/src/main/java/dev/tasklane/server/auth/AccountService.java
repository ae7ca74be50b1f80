package dev.tasklane.server.auth;

import dev.tasklane.core.task.FieldError;
import dev.tasklane.core.task.ValidationException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Accounts, devices and sessions: register, login (a device per login), rotating refresh tokens
 * with reuse detection, logout. Passwords and refresh tokens are never stored or logged in clear.
 */
public final class AccountService {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s\\p{Cntrl}]{1,64}@[^@\\s\\p{Cntrl}]{1,189}\\.[^@\\s\\p{Cntrl}]{2,63}");
    private static final int PASSWORD_MIN = 8;
    private static final int PASSWORD_MAX = 200;
    private static final int DEVICE_NAME_MAX = 100;

    private final DataSource dataSource;
    private final PasswordHasher hasher;
    private final AccessTokens accessTokens;
    private final Duration refreshLifetime;
    private final InstantSource clock;
    private final SecureRandom random = new SecureRandom();
    /** Checked against unknown emails so a wrong email costs as much time as a wrong password. */
    private final String decoyHash;

    public AccountService(DataSource dataSource, PasswordHasher hasher, AccessTokens accessTokens, Duration refreshLifetime,
                          InstantSource clock) {
        this.dataSource = dataSource;
        this.hasher = hasher;
        this.accessTokens = accessTokens;
        this.refreshLifetime = refreshLifetime;
        this.clock = clock;
        this.decoyHash = hasher.hash("decoy-password-for-timing");
    }

    /**
     * Creates an account.
     *
     * @throws ValidationException for a malformed email or a password of the wrong length
     * @throws AuthException       ({@code EMAIL_TAKEN}) when the email is registered already
     */
    public UUID register(String email, String password) {
        String normalized = normalize(email);
        List<FieldError> errors = new ArrayList<>();
        if (!EMAIL.matcher(normalized).matches()) {
            errors.add(new FieldError("email", "invalid_email", "Enter an email address like name@example.com."));
        }
        if (password.length() < PASSWORD_MIN || password.length() > PASSWORD_MAX) {
            errors.add(new FieldError("password", "invalid_password",
                    "A password is " + PASSWORD_MIN + " to " + PASSWORD_MAX + " characters."));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        UUID id = UUID.randomUUID();
        String hash = hasher.hash(password);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO users (id, email, password_hash) VALUES (?, ?, ?) ON CONFLICT (email) DO NOTHING")) {
            insert.setObject(1, id);
            insert.setString(2, normalized);
            insert.setString(3, hash);
            if (insert.executeUpdate() == 0) {
                throw new AuthException(AuthException.Reason.EMAIL_TAKEN);
            }
            return id;
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the account", e);
        }
    }

    /** Checks the password, registers a device and opens a session for it. */
    public TokenPair login(String email, String password, String deviceName) {
        String name = deviceName == null || deviceName.isBlank() ? "Unnamed device" : deviceName.strip();
        if (name.length() > DEVICE_NAME_MAX) {
            throw ValidationException.of("deviceName", "too_long", "A device name is at most " + DEVICE_NAME_MAX + " characters.");
        }
        try (Connection connection = dataSource.getConnection()) {
            UUID userId;
            String hash;
            try (PreparedStatement find = connection.prepareStatement("SELECT id, password_hash FROM users WHERE email = ?")) {
                find.setString(1, normalize(email));
                try (ResultSet rows = find.executeQuery()) {
                    if (!rows.next()) {
                        hasher.matches(password, decoyHash);
                        throw new AuthException(AuthException.Reason.INVALID_CREDENTIALS);
                    }
                    userId = rows.getObject(1, UUID.class);
                    hash = rows.getString(2);
                }
            }
            if (!hasher.matches(password, hash)) {
                throw new AuthException(AuthException.Reason.INVALID_CREDENTIALS);
            }
            UUID deviceId = UUID.randomUUID();
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO devices (id, user_id, name, created_at) VALUES (?, ?, ?, ?)")) {
                insert.setObject(1, deviceId);
                insert.setObject(2, userId);
                insert.setString(3, name);
                insert.setTimestamp(4, Timestamp.from(clock.instant()));
                insert.executeUpdate();
            }
            return issue(connection, userId, deviceId, UUID.randomUUID());
        } catch (SQLException e) {
            throw new IllegalStateException("could not log in", e);
        }
    }

    /**
     * How long a just-rotated refresh token may be presented again and get the same successor.
     * Two parts of one client refreshing at once, or a refresh whose response was lost, are not
     * theft; treating them as reuse would sign the device out for good.
     */
    public static final Duration REUSE_GRACE = Duration.ofSeconds(30);

    /**
     * Exchanges a refresh token for a new pair. Each refresh token works once: presented again
     * within {@link #REUSE_GRACE} it returns the same successor (with a fresh access token);
     * later, or once that successor was used, it means the token was copied, so the whole family
     * (every session from that login) is revoked.
     */
    public TokenPair refresh(String refreshToken) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                TokenPair pair = refreshInTransaction(connection, refreshToken);
                connection.commit();
                return pair;
            } catch (AuthException e) {
                connection.commit(); // keep a family revocation made on reuse
                throw e;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not refresh the session", e);
        }
    }

    private TokenPair refreshInTransaction(Connection connection, String refreshToken) throws SQLException {
        Instant now = clock.instant();
        String tokenHash = digest(refreshToken);
        try (PreparedStatement find = connection.prepareStatement(
                "SELECT user_id, device_id, family_id, expires_at, used_at, revoked_at FROM refresh_tokens "
                        + "WHERE token_hash = ? FOR UPDATE")) {
            find.setString(1, tokenHash);
            try (ResultSet rows = find.executeQuery()) {
                if (!rows.next()) {
                    throw new AuthException(AuthException.Reason.TOKEN_INVALID);
                }
                UUID userId = rows.getObject(1, UUID.class);
                UUID deviceId = rows.getObject(2, UUID.class);
                UUID family = rows.getObject(3, UUID.class);
                boolean expired = !rows.getTimestamp(4).toInstant().isAfter(now);
                boolean used = rows.getTimestamp(5) != null;
                boolean revoked = rows.getTimestamp(6) != null;
                if (revoked || expired) {
                    throw new AuthException(used ? AuthException.Reason.TOKEN_REUSED : AuthException.Reason.TOKEN_INVALID);
                }
                String successor = successorOf(connection, refreshToken);
                if (used) {
                    boolean withinGrace = rows.getTimestamp(5).toInstant().plus(REUSE_GRACE).isAfter(now);
                    if (!withinGrace || !unusedAndLive(connection, digest(successor), now)) {
                        revokeFamily(connection, family, now);
                        throw new AuthException(AuthException.Reason.TOKEN_REUSED);
                    }
                    return new TokenPair(userId, deviceId, accessTokens.issue(userId, deviceId), accessTokens.lifetime().toSeconds(), successor);
                }
                try (PreparedStatement use = connection.prepareStatement("UPDATE refresh_tokens SET used_at = ? WHERE token_hash = ?")) {
                    use.setTimestamp(1, Timestamp.from(now));
                    use.setString(2, tokenHash);
                    use.executeUpdate();
                }
                return issue(connection, userId, deviceId, family, successor);
            }
        }
    }

    /** Whether the token with this hash is still unused, unrevoked and unexpired. */
    private static boolean unusedAndLive(Connection connection, String tokenHash, Instant now) throws SQLException {
        try (PreparedStatement find = connection.prepareStatement(
                "SELECT 1 FROM refresh_tokens WHERE token_hash = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?")) {
            find.setString(1, tokenHash);
            find.setTimestamp(2, Timestamp.from(now));
            try (ResultSet rows = find.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** The successor of a refresh token: an HMAC of it under the server's key, the same on every replica. */
    private String successorOf(Connection connection, String refreshToken) throws SQLException {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(successorKey(connection), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(refreshToken.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private byte[] successorKey(Connection connection) throws SQLException {
        byte[] candidate = new byte[32];
        random.nextBytes(candidate);
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO server_keys (name, key) VALUES ('refresh-successor', ?) ON CONFLICT (name) DO NOTHING")) {
            insert.setBytes(1, candidate);
            insert.executeUpdate();
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT key FROM server_keys WHERE name = 'refresh-successor'");
             ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getBytes(1);
        }
    }

    /** Ends the session the refresh token belongs to (its whole family). Unknown tokens are ignored. */
    public void logout(String refreshToken) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement revoke = connection.prepareStatement(
                     "UPDATE refresh_tokens SET revoked_at = ? WHERE revoked_at IS NULL AND family_id = "
                             + "(SELECT family_id FROM refresh_tokens WHERE token_hash = ?)")) {
            revoke.setTimestamp(1, Timestamp.from(clock.instant()));
            revoke.setString(2, digest(refreshToken));
            revoke.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not log out", e);
        }
    }

    private TokenPair issue(Connection connection, UUID userId, UUID deviceId, UUID family) throws SQLException {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return issue(connection, userId, deviceId, family, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    private TokenPair issue(Connection connection, UUID userId, UUID deviceId, UUID family, String refreshToken) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO refresh_tokens (token_hash, user_id, device_id, family_id, expires_at) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, digest(refreshToken));
            insert.setObject(2, userId);
            insert.setObject(3, deviceId);
            insert.setObject(4, family);
            insert.setTimestamp(5, Timestamp.from(clock.instant().plus(refreshLifetime)));
            insert.executeUpdate();
        }
        return new TokenPair(userId, deviceId, accessTokens.issue(userId, deviceId), accessTokens.lifetime().toSeconds(), refreshToken);
    }

    private static void revokeFamily(Connection connection, UUID family, Instant now) throws SQLException {
        try (PreparedStatement revoke = connection.prepareStatement(
                "UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL")) {
            revoke.setTimestamp(1, Timestamp.from(now));
            revoke.setObject(2, family);
            revoke.executeUpdate();
        }
    }

    private static String normalize(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    private static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
