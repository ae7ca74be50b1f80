package dev.tasklane.consumers.audit;

import dev.tasklane.connections.DatabaseTls;
import dev.tasklane.consumers.kit.ConsumerSettings;
import java.util.Map;

/**
 * The audit service's settings: the consumer settings every service has (see
 * {@link ConsumerSettings}; port default {@value #DEFAULT_PORT}) and its database.
 *
 * @param databaseUrl      {@code TASKLANE_DB_URL}, default {@code jdbc:postgresql://localhost:5432/tasklane}
 *                         (the server's database is fine: audit keeps to its own {@code audit} schema), with
 *                         {@code TASKLANE_DB_SSLMODE} and {@code TASKLANE_DB_SSL_ROOT_CERT} added as the server adds them
 *                         (see {@link DatabaseTls})
 * @param databaseUser     {@code TASKLANE_DB_USER}, default {@code tasklane}
 * @param databasePassword {@code TASKLANE_DB_PASSWORD}, default empty
 * @param databasePool     {@code TASKLANE_DB_POOL}, default 4; half of it writes the log in parallel (a batch split by task)
 */
public record AuditSettings(ConsumerSettings consumer, String databaseUrl, String databaseUser, String databasePassword,
                            int databasePool) {

    public static final int DEFAULT_PORT = 8093;
    /**
     * A batch is one COPY, one transaction per writer and one offset commit: per-batch costs were
     * a third of the CPU per event at 500 (docs/benchmarks.md, "Fifth session"); 2,000 rows of a
     * few hundred bytes to a few KB each stay a few MB in memory.
     */
    public static final int DEFAULT_BATCH_SIZE = 2_000;

    public static AuditSettings fromEnvironment(Map<String, String> env) {
        return new AuditSettings(ConsumerSettings.fromEnvironment("audit", DEFAULT_PORT, DEFAULT_BATCH_SIZE, env),
                DatabaseTls.fromEnvironment(env).applyTo(env.getOrDefault("TASKLANE_DB_URL", "jdbc:postgresql://localhost:5432/tasklane")),
                env.getOrDefault("TASKLANE_DB_USER", "tasklane"),
                env.getOrDefault("TASKLANE_DB_PASSWORD", ""),
                Integer.parseInt(env.getOrDefault("TASKLANE_DB_POOL", "4")));
    }

    @Override
    public String toString() {
        // Never print the password.
        return "AuditSettings[" + consumer + ", databaseUrl=" + databaseUrl + ", databaseUser=" + databaseUser
                + ", databasePool=" + databasePool + "]";
    }
}
