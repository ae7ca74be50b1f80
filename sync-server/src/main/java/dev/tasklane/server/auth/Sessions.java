package dev.tasklane.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.InstantSource;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Reads which login sessions are still alive: a device's session lives while one of its refresh
 * tokens is neither revoked (logout, reuse detection) nor expired. Event streams use it to end
 * when their session ends, although their access token would still verify until it expires.
 */
public final class Sessions {

    private final DataSource dataSource;
    private final InstantSource clock;

    public Sessions(DataSource dataSource, InstantSource clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Of the given devices, those whose session is still alive. */
    public Set<UUID> liveDevices(Collection<UUID> devices) throws SQLException {
        Set<UUID> live = new HashSet<>();
        if (devices.isEmpty()) {
            return live;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT DISTINCT device_id FROM refresh_tokens WHERE device_id = ANY (?) AND revoked_at IS NULL AND expires_at > ?")) {
            select.setArray(1, connection.createArrayOf("uuid", devices.toArray()));
            select.setTimestamp(2, Timestamp.from(clock.instant()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    live.add(rows.getObject(1, UUID.class));
                }
            }
        }
        return live;
    }

    /** The user a refresh token belongs to, if it is known at all (used or not). */
    public Optional<UUID> ownerOf(String refreshToken) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT user_id FROM refresh_tokens WHERE token_hash = ?")) {
            select.setString(1, digest(refreshToken));
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(rows.getObject(1, UUID.class)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not look up a session", e);
        }
    }

    /** The stored form of a refresh token (the same SHA-256 hex the account service writes). */
    static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
