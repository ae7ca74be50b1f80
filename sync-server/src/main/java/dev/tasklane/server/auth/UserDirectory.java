package dev.tasklane.server.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Answers "does this user exist?" for the authenticator. Accounts are never deleted, so a user
 * once seen stays valid: positive answers are cached (bounded, least recently used first out) and
 * a request costs no extra query after the user's first. Negative answers are not cached, so an
 * attacker cannot fill the cache with made-up ids.
 */
public final class UserDirectory {

    private static final int CACHE_SIZE = 10_000;

    private final DataSource dataSource;
    private final Map<UUID, Boolean> known = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    public UserDirectory(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** True when an account with this id exists; a database failure propagates (it is not a "no"). */
    public boolean exists(UUID userId) {
        synchronized (known) {
            if (known.containsKey(userId)) {
                return true;
            }
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT 1 FROM users WHERE id = ?")) {
            select.setObject(1, userId);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return false;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not look up a user", e);
        }
        synchronized (known) {
            known.put(userId, Boolean.TRUE);
        }
        return true;
    }
}
