package dev.tasklane.desktop.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/** Small per-device settings (window geometry, theme, device id) kept in the local store. */
public final class PreferenceStore {

    private final DataSource dataSource;

    public PreferenceStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<String> get(String key) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT pref_value FROM preferences WHERE pref_key = ?")) {
            statement.setString(1, key);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("could not read preference " + key, e);
        }
    }

    public void put(String key, String value) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "MERGE INTO preferences (pref_key, pref_value) KEY (pref_key) VALUES (?, ?)")) {
            statement.setString(1, key);
            statement.setString(2, value);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("could not save preference " + key, e);
        }
    }

    /** The stored value, or {@code initial} stored now and returned (e.g. a device id made once). */
    public String getOrCreate(String key, java.util.function.Supplier<String> initial) {
        return get(key).orElseGet(() -> {
            String value = initial.get();
            put(key, value);
            return value;
        });
    }
}
