package dev.tasklane.server.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** The server's PostgreSQL connection pool, with the schema brought up to date by Flyway. */
public final class ServerDatabase implements AutoCloseable {

    private final HikariDataSource pool;

    private ServerDatabase(HikariDataSource pool) {
        this.pool = pool;
    }

    /**
     * Connects and migrates.
     *
     * @param url      JDBC URL ({@code TASKLANE_DB_URL})
     * @param poolSize connections ({@code TASKLANE_DB_POOL}, default 10)
     */
    public static ServerDatabase connect(String url, String user, String password, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("tasklane");
        // pgjdbc sends a JDBC batch of inserts as multi-row INSERTs: far fewer round trips per push.
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        HikariDataSource pool = new HikariDataSource(config);
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/migration/server").load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new ServerDatabase(pool);
    }

    public DataSource dataSource() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
    }
}
