package dev.tasklane.server.testing;

import dev.tasklane.server.db.ServerDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A real PostgreSQL (zonky embedded binaries), started once per test JVM and migrated by the
 * server's Flyway scripts. Tests isolate themselves by user id, as production does.
 */
public final class PostgresExtension implements ParameterResolver {

    /** Started on first use, stopped when the JVM exits. */
    private static final class Holder {
        static final EmbeddedPostgres POSTGRES = startPostgres();
        static final ServerDatabase DATABASE = ServerDatabase.connect(jdbcUrl(), "postgres", "postgres", 16);

        private static EmbeddedPostgres startPostgres() {
            try {
                EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        postgres.close();
                    } catch (IOException e) {
                        // The JVM is exiting; the temp cluster goes with it.
                    }
                }));
                return postgres;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** JDBC URL of the shared server (user and password "postgres"); starts it if needed. */
    public static String jdbcUrl() {
        return Holder.POSTGRES.getJdbcUrl("postgres", "postgres");
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == DataSource.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        return Holder.DATABASE.dataSource();
    }

    /** Inserts a user row directly (accounts come with the auth API) and returns its id. */
    public static UUID newUser(DataSource dataSource) {
        UUID id = UUID.randomUUID();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO users (id, email, password_hash) VALUES (?, ?, ?)")) {
            insert.setObject(1, id);
            insert.setString(2, id + "@example.test");
            insert.setString(3, "not-a-login");
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return id;
    }
}
