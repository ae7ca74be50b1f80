package dev.tasklane.consumers.audit.log;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The audit service's connection pool. Everything it owns lives in its own schema
 * ({@value #SCHEMA}, Flyway's history table included), so it can share a PostgreSQL server with
 * the sync server without touching the sync server's tables.
 */
public final class AuditDatabase implements AutoCloseable {

    public static final String SCHEMA = "audit";

    private final HikariDataSource pool;

    private AuditDatabase(HikariDataSource pool) {
        this.pool = pool;
    }

    /** Connects and migrates the {@value #SCHEMA} schema. */
    public static AuditDatabase connect(String url, String user, String password, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("tasklane-audit");
        // Unqualified names resolve in the audit schema only.
        config.setSchema(SCHEMA);
        // Do not block start-up while PostgreSQL is away: the consumer pauses until it is back.
        config.setInitializationFailTimeout(-1);
        // Give up on a connection within 3 s (Hikari's default is 30): while PostgreSQL is away the
        // consumer's pause/retry cycle and the readiness probe answer promptly instead of hanging.
        config.setConnectionTimeout(3_000);
        HikariDataSource pool = new HikariDataSource(config);
        try {
            migrate(pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new AuditDatabase(pool);
    }

    /**
     * Migrates, retrying for up to a minute: PostgreSQL may still be starting (or away) when the
     * service starts, and a cold JVM's first connection can take longer than the pool's
     * connection timeout.
     */
    private static void migrate(HikariDataSource pool) {
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(1).toNanos();
        while (true) {
            try {
                Flyway.configure().dataSource(pool).schemas(SCHEMA).createSchemas(true)
                        .locations("classpath:db/migration/audit").load().migrate();
                return;
            } catch (org.flywaydb.core.internal.exception.sqlExceptions.FlywaySqlUnableToConnectToDbException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                java.util.logging.Logger.getLogger(AuditDatabase.class.getName())
                        .warning("PostgreSQL not reachable yet, migrating again shortly: " + e.getMessage());
            }
        }
    }

    public DataSource dataSource() {
        return pool;
    }

    /** Readiness: a connection answers within two seconds. */
    public boolean reachable() {
        try (Connection connection = pool.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
