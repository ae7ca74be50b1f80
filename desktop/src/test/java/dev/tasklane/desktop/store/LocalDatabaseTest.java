package dev.tasklane.desktop.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDatabaseTest {

    @TempDir
    Path directory;

    @Test
    void aSecondOpenOfTheSameFolderIsRefusedAsLockedWithAClearMessage() throws Exception {
        try (LocalDatabase first = LocalDatabase.open(directory)) {
            assertThatThrownBy(() -> LocalDatabase.open(directory))
                    .isInstanceOf(StoreOpenException.Locked.class)
                    .hasMessageContaining("already running");
        }
    }

    @Test
    void theFolderCanBeOpenedAgainAfterClose() throws Exception {
        LocalDatabase.open(directory).close();
        try (LocalDatabase again = LocalDatabase.open(directory)) {
            assertThat(again.directory()).isEqualTo(directory);
        }
    }

    @Test
    void aCorruptFileIsReportedAndNeverDeleted() throws Exception {
        byte[] garbage = "this is not an H2 database file".repeat(200).getBytes();
        Files.write(directory.resolve("tasklane.mv.db"), garbage);
        assertThatThrownBy(() -> LocalDatabase.open(directory)).isInstanceOf(StoreOpenException.Corrupt.class)
                .hasMessageContaining("could not be read");
        assertThat(Files.readAllBytes(directory.resolve("tasklane.mv.db"))).isEqualTo(garbage);
    }

    @Test
    void backupAndResetKeepsTheDamagedBytesAndAllowsAFreshStore() throws Exception {
        byte[] garbage = "broken".repeat(500).getBytes();
        Files.write(directory.resolve("tasklane.mv.db"), garbage);
        Path backup = LocalDatabase.backupAndReset(directory, Instant.parse("2026-11-26T10:00:00Z"));
        assertThat(Files.readAllBytes(backup)).isEqualTo(garbage);
        assertThat(backup.getFileName().toString()).isEqualTo("tasklane-20261126-100000.mv.db");
        try (LocalDatabase fresh = LocalDatabase.open(directory)) {
            assertThat(new TaskStore(fresh.dataSource(), java.time.ZoneOffset.UTC).loadLive()).isEmpty();
        }
    }

    @Test
    void theSchemaVersionTheFastOpenTrustsIsTheNewestMigration() throws Exception {
        Path migrations = Path.of(getClass().getResource("/db/migration/desktop").toURI());
        int newest;
        try (var files = Files.list(migrations)) {
            newest = files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElseThrow();
        }
        assertThat(LocalDatabase.SCHEMA_VERSION).as("LocalDatabase.SCHEMA_VERSION must name the newest migration").isEqualTo(newest);
    }

    @Test
    void aStoreOpensWithoutFlywayOnlyWhenItsSchemaIsCurrent() throws Exception {
        // A store left by the version before the newest migration.
        org.h2.jdbcx.JdbcConnectionPool older = org.h2.jdbcx.JdbcConnectionPool.create("jdbc:h2:file:"
                + directory.resolve(LocalDatabase.DATABASE_NAME).toAbsolutePath() + ";FILE_LOCK=NO", "tasklane", "");
        try {
            org.flywaydb.core.Flyway.configure().dataSource(older).locations(LocalDatabase.MIGRATIONS)
                    .target(Integer.toString(LocalDatabase.SCHEMA_VERSION - 1)).load().migrate();
            assertThat(LocalDatabase.schemaIsCurrent(older)).isFalse();
        } finally {
            older.dispose();
        }
        try (LocalDatabase store = LocalDatabase.open(directory)) {
            // Opening ran the newest migration through Flyway...
            assertThat(LocalDatabase.schemaIsCurrent(store.dataSource())).isTrue();
            assertThat(new TaskStore(store.dataSource(), java.time.ZoneOffset.UTC).loadLive()).isEmpty();
        }
        try (LocalDatabase again = LocalDatabase.open(directory)) {
            // ...and the next open finds it current.
            assertThat(LocalDatabase.schemaIsCurrent(again.dataSource())).isTrue();
        }
    }

    @Test
    void dataFolderFollowsEachOperatingSystemsConvention() {
        Path home = Path.of("/home/ada");
        assertThat(DataDirectory.resolve(Map.of(), "Linux", home)).isEqualTo(Path.of("/home/ada/.local/share/tasklane"));
        assertThat(DataDirectory.resolve(Map.of("XDG_DATA_HOME", "/data"), "Linux", home)).isEqualTo(Path.of("/data/tasklane"));
        assertThat(DataDirectory.resolve(Map.of(), "Mac OS X", home))
                .isEqualTo(Path.of("/home/ada/Library/Application Support/Tasklane"));
        assertThat(DataDirectory.resolve(Map.of("APPDATA", "/appdata"), "Windows 11", home)).isEqualTo(Path.of("/appdata/Tasklane"));
        assertThat(DataDirectory.resolve(Map.of("TASKLANE_DATA_DIR", "/tmp/x"), "Linux", home)).isEqualTo(Path.of("/tmp/x"));
    }
}
