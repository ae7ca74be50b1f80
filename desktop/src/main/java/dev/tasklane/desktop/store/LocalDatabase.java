package dev.tasklane.desktop.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The H2 file database in a data folder: one process per folder (an OS file lock), schema by
 * Flyway. Every commit is forced to disk before it returns, so killing the process at any moment
 * loses nothing that was committed.
 */
public final class LocalDatabase implements AutoCloseable {

    static final String DATABASE_NAME = "tasklane";
    static final String MIGRATIONS = "classpath:db/migration/desktop";
    /**
     * The newest migration in {@link #MIGRATIONS}; raise it with every new migration
     * (LocalDatabaseTest checks the two agree). A store already at this version opens without
     * Flyway: its class-path scan and validation took most of a second at every start.
     */
    static final int SCHEMA_VERSION = 4;
    private static final String DATABASE_FILE = DATABASE_NAME + ".mv.db";
    private static final DateTimeFormatter BACKUP_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Path directory;
    private final FileChannel lockChannel;
    private final FileLock processLock;
    private final JdbcConnectionPool pool;

    private LocalDatabase(Path directory, FileChannel lockChannel, FileLock processLock, JdbcConnectionPool pool) {
        this.directory = directory;
        this.lockChannel = lockChannel;
        this.processLock = processLock;
        this.pool = pool;
    }

    /**
     * Opens (creating if needed) the store in {@code directory} and brings its schema up to date.
     *
     * @throws StoreOpenException.Locked  when another process uses the folder
     * @throws StoreOpenException.Corrupt when the database file cannot be read
     */
    public static LocalDatabase open(Path directory) throws StoreOpenException {
        FileChannel channel = null;
        FileLock lock;
        try {
            Files.createDirectories(directory);
            channel = FileChannel.open(directory.resolve("tasklane.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = channel.tryLock();
        } catch (IOException | OverlappingFileLockException e) {
            closeQuietly(channel);
            throw new StoreOpenException.Locked(directory, e);
        }
        if (lock == null) {
            closeQuietly(channel);
            throw new StoreOpenException.Locked(directory, new IOException("lock held by another process"));
        }
        JdbcConnectionPool pool = null;
        try {
            // FILE_LOCK=NO: our own OS lock above already guarantees one process per folder.
            pool = JdbcConnectionPool.create("jdbc:h2:file:" + directory.resolve(DATABASE_NAME).toAbsolutePath()
                    + ";FILE_LOCK=NO;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0", "tasklane", "");
            pool.setMaxConnections(8);
            try (Connection probe = pool.getConnection()) {
                probe.isValid(1);
            }
            if (!schemaIsCurrent(pool)) {
                Flyway.configure().dataSource(pool).locations(MIGRATIONS).load().migrate();
            }
            return new LocalDatabase(directory, channel, lock, pool);
        } catch (SQLException | RuntimeException e) {
            if (pool != null) {
                pool.dispose();
            }
            releaseQuietly(lock, channel);
            throw new StoreOpenException.Corrupt(directory, e);
        }
    }

    /**
     * Whether Flyway recorded a successful migration to {@link #SCHEMA_VERSION} and no failed one.
     * Anything else (a new store, an older one, a failed migration) goes through Flyway.
     */
    static boolean schemaIsCurrent(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             java.sql.Statement statement = connection.createStatement();
             java.sql.ResultSet history = statement.executeQuery("SELECT \"version\", \"success\" FROM \"flyway_schema_history\"")) {
            boolean current = false;
            while (history.next()) {
                if (!history.getBoolean(2)) {
                    return false;
                }
                String version = history.getString(1);
                current |= version != null && version.equals(Integer.toString(SCHEMA_VERSION));
            }
            return current;
        } catch (SQLException e) {
            if (e.getErrorCode() == org.h2.api.ErrorCode.TABLE_OR_VIEW_NOT_FOUND_1
                    || e.getErrorCode() == org.h2.api.ErrorCode.TABLE_OR_VIEW_NOT_FOUND_DATABASE_EMPTY_1
                    || e.getErrorCode() == org.h2.api.ErrorCode.TABLE_OR_VIEW_NOT_FOUND_WITH_CANDIDATES_2) {
                return false; // a new store: Flyway creates the schema
            }
            throw e;
        }
    }

    /**
     * Moves an unreadable database aside into {@code backups/} so a fresh store can be created.
     * Nothing is deleted.
     *
     * @return the backup file
     */
    public static Path backupAndReset(Path directory, Instant now) throws IOException {
        Path backups = Files.createDirectories(directory.resolve("backups"));
        Path target = backups.resolve(DATABASE_NAME + "-" + BACKUP_STAMP.format(now) + ".mv.db");
        Files.move(directory.resolve(DATABASE_FILE), target, StandardCopyOption.ATOMIC_MOVE);
        try (Stream<Path> leftovers = Files.list(directory)) {
            for (Path file : leftovers.filter(p -> p.getFileName().toString().startsWith(DATABASE_NAME + ".")).toList()) {
                Files.move(file, backups.resolve(file.getFileName() + "-" + BACKUP_STAMP.format(now)));
            }
        }
        return target;
    }

    public DataSource dataSource() {
        return pool;
    }

    public Path directory() {
        return directory;
    }

    @Override
    public void close() {
        try (Connection connection = pool.getConnection()) {
            connection.createStatement().execute("SHUTDOWN");
        } catch (SQLException e) {
            // Shutting down a store that is already closed is harmless.
        }
        pool.dispose();
        releaseQuietly(processLock, lockChannel);
    }

    private static void releaseQuietly(FileLock lock, FileChannel channel) {
        try {
            lock.release();
        } catch (IOException e) {
            // The OS drops the lock when the channel closes anyway.
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // Nothing left to release.
            }
        }
    }
}
