package dev.tasklane.desktop.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The reminders this device has handled: shown, or (when sync brought them after their time)
 * deliberately not shown. A reminder's key is its task and fire time, so a snoozed
 * reminder (a new fire time) shows again, while a restart never repeats one.
 */
public final class ReminderLog {

    private final DataSource dataSource;

    public ReminderLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public static String key(UUID taskId, Instant fireAt) {
        return taskId + "@" + fireAt.toEpochMilli();
    }

    /**
     * Records that the reminder is being shown.
     *
     * @return false when this device already showed it (nothing is recorded then)
     */
    public boolean claim(UUID taskId, Instant fireAt, Instant shownAt, boolean missed) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "INSERT INTO reminder_log (reminder_key, task_id, fire_at, shown_at, missed) "
                             + "SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM reminder_log WHERE reminder_key = ?)")) {
            String key = key(taskId, fireAt);
            statement.setString(1, key);
            statement.setObject(2, taskId);
            statement.setLong(3, fireAt.toEpochMilli());
            statement.setLong(4, shownAt.toEpochMilli());
            statement.setBoolean(5, missed);
            statement.setString(6, key);
            return statement.executeUpdate() == 1;
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                return false;
            }
            throw new StoreException("could not record a shown reminder", e);
        }
    }

    public boolean wasShown(UUID taskId, Instant fireAt) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM reminder_log WHERE reminder_key = ?")) {
            statement.setString(1, key(taskId, fireAt));
            return statement.executeQuery().next();
        } catch (SQLException e) {
            throw new StoreException("could not read the reminder log", e);
        }
    }
}
