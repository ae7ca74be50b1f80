package dev.tasklane.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tasklane.consumers.audit.log.AuditDatabase;
import dev.tasklane.consumers.audit.log.AuditLog;
import dev.tasklane.consumers.audit.log.FieldChange;
import dev.tasklane.consumers.audit.log.HistoryEntry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;

/**
 * The audit log's schema changes keep every row: a log written by the first schema (V1, with its
 * second JSONB copy of the task) is migrated to the lean rows of V2 and still answers the same
 * history, takes new rows, refuses a redelivered event id and refuses updates and deletes.
 */
class AuditMigrationTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void aLogWrittenByTheFirstSchemaKeepsEveryRowAndItsHistory() throws Exception {
        String database = "audit_migration_" + UUID.randomUUID().toString().replace("-", "");
        var postgres = StackExtension.stack().postgres();
        try (Connection admin = DriverManager.getConnection(postgres.jdbcUrl(), "postgres", "postgres");
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        String url = "jdbc:postgresql://localhost:" + postgres.port() + "/" + database;
        Flyway.configure().dataSource(url, "postgres", "postgres").schemas("audit").createSchemas(true)
                .locations("classpath:db/migration/audit").target(MigrationVersion.fromVersion("1")).load().migrate();
        UUID user = UUID.randomUUID();
        UUID task = UUID.randomUUID();
        try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres");
             var insert = connection.prepareStatement("""
                     INSERT INTO audit.event_log (event_id, type, user_id, task_id, event_time, device, changed_fields, task, data)
                     VALUES (?, ?, ?, ?, ?, 'laptop', ?::jsonb, ?::jsonb, ?::jsonb)""")) {
            String[][] rows = {
                    {"e1", "task.created", "[\"title\",\"notes\"]", "{\"title\":\"Call mum\",\"notes\":\"a\"}"},
                    {"e2", "task.updated", "[\"notes\"]", "{\"title\":\"Call mum\",\"notes\":\"b\"}"},
            };
            for (int i = 0; i < rows.length; i++) {
                insert.setString(1, rows[i][0]);
                insert.setString(2, rows[i][1]);
                insert.setObject(3, user);
                insert.setObject(4, task);
                insert.setObject(5, java.time.OffsetDateTime.parse("2026-12-01T08:0" + i + ":00Z"));
                insert.setString(6, rows[i][2]);
                insert.setString(7, rows[i][3]);
                insert.setString(8, "{\"userId\":\"" + user + "\",\"taskId\":\"" + task + "\",\"task\":" + rows[i][3] + "}");
                insert.executeUpdate();
            }
        }

        try (AuditDatabase migrated = AuditDatabase.connect(url, "postgres", "postgres", 2)) {
            AuditLog log = new AuditLog(migrated.dataSource(), 1);
            var next = MAPPER.createObjectNode().put("userId", user.toString());
            next.putObject("task").put("title", "Call mum").put("notes", "c");
            assertThat(log.append(List.of(
                    new AuditLog.Entry("e2", "task.updated", user, task, Instant.now(), Optional.of("laptop"), List.of("notes"),
                            MAPPER.createObjectNode()),
                    new AuditLog.Entry("e3", "task.updated", user, task, Instant.parse("2026-12-01T08:05:00Z"), Optional.of("phone"),
                            List.of("notes"), next)))).as("a redelivered V1 event adds nothing").isEqualTo(1);

            List<HistoryEntry> history = log.history(user, task, OptionalLong.empty(), 10).items();

            assertThat(history).extracting(HistoryEntry::eventId).containsExactly("e3", "e2", "e1");
            assertThat(history.get(0).changes()).containsExactly(new FieldChange("notes",
                    MAPPER.getNodeFactory().textNode("b"), MAPPER.getNodeFactory().textNode("c")));
            assertThat(history.get(1).changes()).containsExactly(new FieldChange("notes",
                    MAPPER.getNodeFactory().textNode("a"), MAPPER.getNodeFactory().textNode("b")));
            assertThat(history.get(1).device()).contains("laptop");
        }
        try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres");
             Statement statement = connection.createStatement()) {
            try (ResultSet count = statement.executeQuery("SELECT count(*), count(DISTINCT event_id) FROM audit.event_log")) {
                count.next();
                assertThat(count.getInt(1)).isEqualTo(3);
                assertThat(count.getInt(2)).isEqualTo(3);
            }
            assertThatThrownBy(() -> statement.executeUpdate("UPDATE audit.event_log SET type = 'x'")).hasMessageContaining("append-only");
            assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM audit.event_log")).hasMessageContaining("append-only");
        }
    }
}
