package dev.tasklane.desktop.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasklane.core.merge.Mutation;
import dev.tasklane.core.merge.Register;
import dev.tasklane.core.merge.TaskField;
import dev.tasklane.core.merge.TaskState;
import dev.tasklane.core.sync.SyncJson;
import dev.tasklane.core.task.SeriesLink;
import dev.tasklane.core.task.Task;
import dev.tasklane.server.db.ServerDatabase;
import dev.tasklane.server.observe.ServerMetrics;
import dev.tasklane.server.sync.SyncService;
import dev.tasklane.stack.EmbeddedPostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The proof of the sync promise: one real {@link SyncService} on PostgreSQL and three devices, each
 * a real desktop (task service, H2 store, sync engine), with skewed clocks, doing random things —
 * stale editor saves, complete/reopen of repeating tasks, delete/undo, dues, repeats, reminders,
 * tags, long notes, restarts — and syncing through injected faults (request lost, response lost,
 * crash after the merge, crash after the acknowledgement). Then everything heals and must agree.
 *
 * <p>CI runs a few seeds; {@code -Dsimulation.seeds=N -Dsimulation.steps=M} is the soak mode
 * (figures in docs/reliability.md).
 */
class MultiDeviceSimulationTest {

    private static final Instant START = Instant.parse("2026-11-26T09:00:00Z");
    private static final int HEAL_ROUNDS = 20;
    private static final SyncJson JSON = new SyncJson();

    private static EmbeddedPostgresServer postgres;
    private static ServerDatabase database;

    private static DataSource server() throws Exception {
        if (database == null) {
            postgres = EmbeddedPostgresServer.start(Files.createTempDirectory("tasklane-simulation-pg"), 0);
            database = ServerDatabase.connect(postgres.jdbcUrl(), "postgres", "postgres", 4);
        }
        return database.dataSource();
    }

    @AfterAll
    static void stopServer() {
        if (database != null) {
            database.close();
            postgres.close();
        }
    }

    static Stream<Long> seeds() {
        int count = Integer.getInteger("simulation.seeds", 3);
        long first = Long.getLong("simulation.firstSeed", 1L);
        return Stream.iterate(first, seed -> seed + 1).limit(count);
    }

    @TempDir
    Path directory;

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void devicesWithSkewedClocksAndFaultsConvergeWithoutLosingAnEdit(long seed) throws Exception {
        simulate(seed, Integer.getInteger("simulation.steps", 400), Optional.empty());
    }

    /** A clock beyond the server's five-minute limit: refused changes are re-stamped and sent again, none dropped. */
    @ParameterizedTest(name = "laptop {0} ahead")
    @MethodSource("farAhead")
    void aDeviceWhoseClockRunsAheadGetsEveryChangeAcceptedAfterCorrectingIt(Duration ahead) throws Exception {
        simulate(100 + ahead.toMinutes(), 250, Optional.of(ahead));
    }

    static Stream<Duration> farAhead() {
        return Stream.of(Duration.ofMinutes(10), Duration.ofHours(2));
    }

    private void simulate(long seed, int steps, Optional<Duration> laptopSkew) throws Exception {
        DataSource dataSource = server();
        UUID user = newUser(dataSource);
        AtomicReference<Instant> serverNow = new AtomicReference<>(START);
        SyncService sync = new SyncService(dataSource, serverNow::get, changed -> { }, new ServerMetrics());
        World world = new World(seed, directory.resolve("seed-" + seed), sync, dataSource, user, serverNow, laptopSkew);
        try {
            if (laptopSkew.isPresent()) {
                world.laptopWorksOfflineFirst();
            }
            world.run(steps);
            world.heal(HEAL_ROUNDS);
            assertConverged(world, dataSource, user);
            laptopSkew.filter(skew -> skew.compareTo(dev.tasklane.core.sync.SyncLimits.MAX_CLOCK_AHEAD) > 0)
                    .ifPresent(skew -> assertThat(world.refusedForClock()).as("changes refused for the clock").isPositive());
            System.out.printf("simulation seed %d: %d steps, %d operations, %d syncs (%d with injected faults), %d mutations, %d tasks, "
                        + "%d conflicts recorded, %d refusals for a clock ahead (all re-sent), %d server restores, heal rounds %d%n",
                seed, steps, world.operations(), world.syncs(), world.faults(), world.pushed().size(),
                    sync.states(user).size(), world.conflictCount(), world.refusedForClock(), world.restores(), world.healRounds());
        } finally {
            world.close();
        }
    }

    private static void assertConverged(World world, DataSource dataSource, UUID user) throws SQLException {
        Map<UUID, TaskState> server = new HashMap<>();
        world.sync().states(user).forEach(state -> server.put(state.taskId(), state));

        for (Device device : world.devices()) {
            assertThat(device.tasks().pendingChanges()).as("outbox of %s", device.name()).isZero();
            assertThat(device.states()).as("states of %s", device.name()).isEqualTo(server);
        }
        server.values().forEach(state -> assertThat(state.toTask()).as("task %s", state.taskId()).isPresent());

        // Every value ever saved is current, or knowingly superseded (a later write's base is its
        // clock), or kept as a conflict record somewhere the user can see it. A value written again
        // (a stale editor saving the same text) counts once: one surviving write of it is enough.
        Set<String> conflicts = new HashSet<>(serverConflicts(dataSource, user));
        for (Device device : world.devices()) {
            conflicts.addAll(device.conflicts());
        }
        Set<String> superseded = new HashSet<>();
        for (Mutation mutation : world.pushed().values()) {
            mutation.fields().forEach((field, change) -> superseded.add(key(mutation.taskId(), field, change.base().encode())));
        }
        Map<String, Boolean> valueKept = new HashMap<>();
        for (Mutation mutation : world.pushed().values()) {
            TaskState state = server.get(mutation.taskId());
            mutation.fields().forEach((field, change) -> {
                Register current = state.fields().get(field);
                String id = key(mutation.taskId(), field, mutation.hlc().encode());
                boolean kept = current != null && (current.hlc().equals(mutation.hlc()) || current.value().equals(change.value()))
                        || superseded.contains(id) || conflicts.contains(id);
                valueKept.merge(mutation.taskId() + "/" + field + "=" + change.value(), kept, Boolean::logicalOr);
            });
        }
        List<String> lost = new ArrayList<>();
        for (Mutation mutation : world.pushed().values()) {
            TaskState state = server.get(mutation.taskId());
            mutation.fields().forEach((field, change) -> {
                if (!valueKept.get(mutation.taskId() + "/" + field + "=" + change.value())) {
                    Register current = state.fields().get(field);
                    StringBuilder history = new StringBuilder();
                    world.pushed().values().stream().filter(m -> m.taskId().equals(mutation.taskId()) && m.fields().containsKey(field))
                            .sorted(java.util.Comparator.comparing(Mutation::hlc))
                            .forEach(m -> history.append("\n      ").append(m.hlc()).append(" base ").append(m.fields().get(field).base())
                                    .append(" = ").append(abbreviate(m.fields().get(field).value())));
                    lost.add(field + "=" + abbreviate(change.value()) + " @" + mutation.hlc() + " on " + mutation.taskId()
                            + "; final " + current + "; writes:" + history);
                }
            });
        }
        assertThat(lost).as("values lost without a conflict record").isEmpty();

        // No two live occurrences of a series share a number.
        Map<String, UUID> occurrences = new HashMap<>();
        for (TaskState state : server.values()) {
            Task task = state.toTask().orElseThrow();
            if (task.deleted()) {
                continue;
            }
            SeriesLink link = task.series().orElse(new SeriesLink(task.id(), 1));
            UUID twin = occurrences.put(link.seriesId() + "#" + link.occurrence(), task.id());
            assertThat(twin).as("another live task is occurrence %s of series %s", link.occurrence(), link.seriesId()).isNull();
        }
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }

    static String key(UUID taskId, TaskField field, String hlc) {
        return taskId + "/" + field.wireName() + "/" + hlc;
    }

    private static List<String> serverConflicts(DataSource dataSource, UUID user) throws SQLException {
        List<String> keys = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT task_id, field, lost_hlc FROM conflicts WHERE user_id = ?")) {
            select.setObject(1, user);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    keys.add(rows.getObject(1, UUID.class) + "/" + rows.getString(2) + "/" + rows.getString(3));
                }
            }
        }
        return keys;
    }

    private static UUID newUser(DataSource dataSource) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO users (id, email, password_hash) VALUES (?, ?, ?)")) {
            insert.setObject(1, id);
            insert.setString(2, id + "@simulation.test");
            insert.setString(3, "not-a-login");
            insert.executeUpdate();
        }
        return id;
    }

    /** Reads a device store's replicated states straight from H2 (what sync would compare). */
    static Map<UUID, TaskState> readStates(DataSource dataSource) {
        Map<UUID, TaskState> states = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT state_json FROM tasks");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                TaskState state = JSON.readState(rows.getString(1));
                states.put(state.taskId(), state);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return states;
    }

    static List<String> readConflicts(DataSource dataSource) {
        List<String> keys = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT task_id, field, lost_hlc FROM conflicts");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                keys.add(rows.getObject(1, UUID.class) + "/" + rows.getString(2) + "/" + rows.getString(3));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return keys;
    }

    static Duration skew(java.util.Random random) {
        return Duration.ofSeconds(random.nextInt(481) - 240);
    }
}
