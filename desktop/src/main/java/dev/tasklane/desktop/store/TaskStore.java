package dev.tasklane.desktop.store;

import dev.tasklane.core.merge.Conflict;
import dev.tasklane.core.merge.Mutation;
import dev.tasklane.core.merge.TaskField;
import dev.tasklane.core.merge.TaskState;
import dev.tasklane.core.sync.SyncJson;
import dev.tasklane.core.task.Due;
import dev.tasklane.core.task.Priority;
import dev.tasklane.core.task.Recurrence;
import dev.tasklane.core.task.Reminder;
import dev.tasklane.core.task.SeriesLink;
import dev.tasklane.core.task.Tags;
import dev.tasklane.core.task.Task;
import dev.tasklane.core.clock.Hlc;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Tasks, their replicated state, the outbox and conflict records in the local H2 store.
 *
 * <p>All changes go through {@link #inTransaction(Work)}: a task row and the mutation that
 * records it in the outbox commit together or not at all.
 */
public final class TaskStore {

    private static final String TAG_SEPARATOR = "\u001F";
    /** How many task states one read asks for (a pulled page is 500). */
    private static final int STATES_PER_READ = 500;
    private static final String COLUMNS = "id, title, notes, priority, tags, due, reminder, recurrence, series, "
            + "completed_at, deleted, created_at, updated_at";

    private final DataSource dataSource;
    private final ZoneId localZone;
    private final SyncJson json = new SyncJson();
    private final java.util.concurrent.locks.ReentrantLock writer = new java.util.concurrent.locks.ReentrantLock();

    /** @param localZone decides the sort instant of all-day dues */
    public TaskStore(DataSource dataSource, ZoneId localZone) {
        this.dataSource = dataSource;
        this.localZone = localZone;
    }

    /** Work done inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Transaction transaction) throws SQLException;
    }

    /** What a transaction can do. */
    public interface Transaction {
        Optional<TaskState> state(UUID taskId) throws SQLException;

        /**
         * The stored states of those of {@code taskIds} that have one — a pulled page's 500 in one
         * statement instead of 500.
         */
        java.util.Map<UUID, TaskState> states(List<UUID> taskIds) throws SQLException;

        /** Writes the state and, when it describes a task, the projection the UI reads. */
        default void put(TaskState state) throws SQLException {
            put(state, state.toTask().orElseThrow(
                    // A state without title/creation (an edit that overtook its create) waits in the
                    // row-less form until the create arrives; only sync produces such states.
                    () -> new IllegalStateException("cannot store task " + state.taskId() + " before it has a title")));
        }

        /** As {@link #put(TaskState)}, with the task the state projects to, when the caller has it already. */
        void put(TaskState state, Task task) throws SQLException;

        void appendOutbox(Mutation mutation, Instant now) throws SQLException;

        /** Every stored task state, deleted ones included. */
        List<TaskState> allStates() throws SQLException;

        /** Every unsynced mutation, oldest first. */
        List<Mutation> outbox() throws SQLException;

        /** Replaces the outbox entry with the same mutation id, keeping its place in the order. */
        void replaceOutbox(Mutation mutation) throws SQLException;

        void recordConflicts(List<Conflict> conflicts, Instant now) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction; commits if it returns, rolls back if it throws.
     *
     * <p>Write transactions run one at a time: each reads a task's state, merges and writes it
     * back, and H2 (read committed) would let a local edit and a background merge of the same task
     * both read the old state, so one would overwrite the other. One writer per store makes that
     * impossible; each transaction takes milliseconds, and none waits on the network.
     */
    public <T> T inTransaction(Work<T> work) {
        writer.lock();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (JdbcTransaction transaction = new JdbcTransaction(connection)) {
                T result = work.run(transaction);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("could not save the change: " + e.getMessage(), e);
        } finally {
            writer.unlock();
        }
    }

    /** Every task that is not deleted, as projected. */
    public List<Task> loadLive() {
        return withConnection(connection -> {
            // Streamed: without lazy execution H2 first copies a result this big (over 40,000
            // rows) into a temporary on-disk store, which doubled the time to read 100,000 tasks.
            try (java.sql.Statement lazy = connection.createStatement()) {
                lazy.execute("SET LAZY_QUERY_EXECUTION TRUE");
            }
            try {
                List<Task> tasks = new ArrayList<>();
                try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS + " FROM tasks WHERE deleted = FALSE")) {
                    statement.setFetchSize(1_000);
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            tasks.add(readTask(rows));
                        }
                    }
                }
                return tasks;
            } finally {
                try (java.sql.Statement eager = connection.createStatement()) {
                    eager.execute("SET LAZY_QUERY_EXECUTION FALSE");
                }
            }
        });
    }

    /**
     * The first open tasks by due date (undated ones last), at most {@code limit}: what the main
     * view shows first at start-up, read through the open-due index while the rest still loads.
     */
    public List<Task> firstOpenByDue(int limit) {
        // Ordered like the index (tasks_open_due) and with a range on due_sort_ms, so H2 reads the
        // first rows of the index instead of sorting every open task.
        List<Task> first = new ArrayList<>(query("SELECT " + COLUMNS + " FROM tasks WHERE deleted = FALSE AND completed_at IS NULL "
                + "AND due_sort_ms > ? ORDER BY deleted, completed_at, due_sort_ms LIMIT ?", statement -> {
                    statement.setLong(1, Long.MIN_VALUE);
                    statement.setInt(2, limit);
                }));
        if (first.size() < limit) {
            first.addAll(query("SELECT " + COLUMNS + " FROM tasks WHERE deleted = FALSE AND completed_at IS NULL "
                    + "AND due_sort_ms IS NULL LIMIT ?", statement -> statement.setInt(1, limit - first.size())));
        }
        return first;
    }

    public Optional<Task> find(UUID id) {
        return query("SELECT " + COLUMNS + " FROM tasks WHERE id = ?", statement -> statement.setObject(1, id))
                .stream().findFirst();
    }

    /** The number of mutations not yet acknowledged by a server. */
    public long pendingMutations() {
        return count("SELECT COUNT(*) FROM outbox");
    }

    /** Outbox mutations in the order they were made, oldest first. */
    public List<Mutation> pendingMutations(int limit) {
        List<Mutation> mutations = new ArrayList<>();
        withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT payload FROM outbox ORDER BY seq LIMIT ?")) {
                statement.setInt(1, limit);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        mutations.add(json.readMutation(rows.getString(1)));
                    }
                }
            }
            return null;
        });
        return mutations;
    }

    /** Removes acknowledged mutations from the outbox. */
    public void removeFromOutbox(java.util.Collection<UUID> mutationIds) {
        if (mutationIds.isEmpty()) {
            return;
        }
        withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("DELETE FROM outbox WHERE mutation_id = ?")) {
                for (UUID id : mutationIds) {
                    statement.setObject(1, id);
                    statement.addBatch();
                }
                statement.executeBatch();
            }
            return null;
        });
    }

    /** A change the server refused, with its reason, as the user sees it. */
    public record RefusedChange(UUID mutationId, UUID taskId, String code, String reason, Instant refusedAt) {
    }

    /**
     * Moves refused mutations from the outbox to the refused list, with the server's reasons, in
     * one transaction: they stop blocking the outbox and stay visible to the user.
     */
    public void refuse(java.util.Map<UUID, dev.tasklane.core.sync.Rejection> rejections, Instant now) {
        if (rejections.isEmpty()) {
            return;
        }
        withTransaction(connection -> {
            try (PreparedStatement move = connection.prepareStatement(
                    "MERGE INTO refused_changes (mutation_id, task_id, payload, code, reason, refused_at) KEY (mutation_id) "
                            + "SELECT mutation_id, task_id, payload, ?, ?, ? FROM outbox WHERE mutation_id = ?");
                 PreparedStatement delete = connection.prepareStatement("DELETE FROM outbox WHERE mutation_id = ?")) {
                for (dev.tasklane.core.sync.Rejection rejection : rejections.values()) {
                    move.setString(1, rejection.code());
                    move.setString(2, rejection.reason().length() > 2000 ? rejection.reason().substring(0, 2000) : rejection.reason());
                    move.setLong(3, now.toEpochMilli());
                    move.setObject(4, rejection.mutationId());
                    move.executeUpdate();
                    delete.setObject(1, rejection.mutationId());
                    delete.executeUpdate();
                }
            }
        });
    }

    public long refusedCount() {
        return count("SELECT COUNT(*) FROM refused_changes");
    }

    /** Refused changes the user has not dismissed, newest first. */
    public List<RefusedChange> refusedChanges() {
        List<RefusedChange> refused = new ArrayList<>();
        withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT mutation_id, task_id, code, reason, refused_at FROM refused_changes ORDER BY refused_at DESC");
                 ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    refused.add(new RefusedChange(rows.getObject(1, UUID.class), rows.getObject(2, UUID.class), rows.getString(3),
                            rows.getString(4), Instant.ofEpochMilli(rows.getLong(5))));
                }
            }
            return null;
        });
        return refused;
    }

    public void dismissRefused(UUID mutationId) {
        withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("DELETE FROM refused_changes WHERE mutation_id = ?")) {
                statement.setObject(1, mutationId);
                statement.executeUpdate();
            }
            return null;
        });
    }

    /** Conflicts on a task that the user has not dismissed, newest first. */
    public List<Conflict> openConflicts(UUID taskId) {
        List<Conflict> conflicts = new ArrayList<>();
        withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT field, kept_value, kept_hlc, lost_value, lost_hlc FROM conflicts "
                            + "WHERE task_id = ? AND dismissed = FALSE ORDER BY id DESC")) {
                statement.setObject(1, taskId);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        Optional<TaskField> field = TaskField.byWireName(rows.getString(1));
                        if (field.isPresent()) {
                            conflicts.add(new Conflict(taskId, field.get(), rows.getString(2), Hlc.parse(rows.getString(3)),
                                    rows.getString(4), Hlc.parse(rows.getString(5))));
                        }
                    }
                }
            }
            return null;
        });
        return conflicts;
    }

    /**
     * A conflict as the inbox shows it: who wrote each value (device names, when known), when it
     * was detected, and whether the server detected it (otherwise this device did).
     */
    public record StoredConflict(Conflict conflict, Optional<String> keptBy, Optional<String> lostBy, Instant detectedAt,
                                 boolean fromServer) {
    }

    /** Every conflict the user has not dismissed, on any task, newest first. */
    public List<StoredConflict> openConflicts() {
        List<StoredConflict> conflicts = new ArrayList<>();
        withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT task_id, field, kept_value, kept_hlc, lost_value, lost_hlc, kept_by, lost_by, detected_at, from_server "
                            + "FROM conflicts WHERE dismissed = FALSE ORDER BY detected_at DESC, id DESC");
                 ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Optional<TaskField> field = TaskField.byWireName(rows.getString(2));
                    if (field.isPresent()) {
                        conflicts.add(new StoredConflict(new Conflict(rows.getObject(1, UUID.class), field.get(), rows.getString(3),
                                Hlc.parse(rows.getString(4)), rows.getString(5), Hlc.parse(rows.getString(6))),
                                Optional.ofNullable(rows.getString(7)), Optional.ofNullable(rows.getString(8)),
                                Instant.ofEpochMilli(rows.getLong(9)), rows.getBoolean(10)));
                    }
                }
            }
            return null;
        });
        return conflicts;
    }

    /** How many conflicts wait for the user, for the sidebar's badge. */
    public int openConflictCount() {
        return (int) count("SELECT COUNT(*) FROM conflicts WHERE dismissed = FALSE");
    }

    /**
     * Adds conflicts the server detected that this store does not have yet. One this device also
     * detected (same task, field and losing clock) is the same conflict: it keeps its row — and
     * stays dismissed if the user dismissed it — and only learns the writers' names.
     */
    public void recordServerConflicts(List<StoredConflict> conflicts) {
        if (conflicts.isEmpty()) {
            return;
        }
        withTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO conflicts (task_id, field, kept_value, kept_hlc, lost_value, lost_hlc, detected_at, kept_by, lost_by, from_server) "
                            + "SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, TRUE FROM DUAL WHERE NOT EXISTS "
                            + "(SELECT 1 FROM conflicts WHERE task_id = ? AND field = ? AND lost_hlc = ?)");
                 PreparedStatement name = connection.prepareStatement(
                         "UPDATE conflicts SET kept_by = COALESCE(kept_by, ?), lost_by = COALESCE(lost_by, ?) "
                                 + "WHERE task_id = ? AND field = ? AND lost_hlc = ?")) {
                for (StoredConflict stored : conflicts) {
                    Conflict conflict = stored.conflict();
                    insert.setObject(1, conflict.taskId());
                    insert.setString(2, conflict.field().wireName());
                    insert.setString(3, conflict.keptValue());
                    insert.setString(4, conflict.keptHlc().encode());
                    insert.setString(5, conflict.lostValue());
                    insert.setString(6, conflict.lostHlc().encode());
                    insert.setLong(7, stored.detectedAt().toEpochMilli());
                    insert.setString(8, stored.keptBy().map(TaskStore::name).orElse(null));
                    insert.setString(9, stored.lostBy().map(TaskStore::name).orElse(null));
                    insert.setObject(10, conflict.taskId());
                    insert.setString(11, conflict.field().wireName());
                    insert.setString(12, conflict.lostHlc().encode());
                    if (insert.executeUpdate() == 0) {
                        name.setString(1, stored.keptBy().map(TaskStore::name).orElse(null));
                        name.setString(2, stored.lostBy().map(TaskStore::name).orElse(null));
                        name.setObject(3, conflict.taskId());
                        name.setString(4, conflict.field().wireName());
                        name.setString(5, conflict.lostHlc().encode());
                        name.executeUpdate();
                    }
                }
            }
        });
    }

    /** Remembers device names by clock node, as the server reported them. */
    public void putWriterNames(java.util.Map<String, String> names) {
        if (names.isEmpty()) {
            return;
        }
        withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("MERGE INTO writer_names (node, name) KEY (node) VALUES (?, ?)")) {
                for (java.util.Map.Entry<String, String> entry : names.entrySet()) {
                    if (entry.getKey().length() <= 64) {
                        statement.setString(1, entry.getKey());
                        statement.setString(2, name(entry.getValue()));
                        statement.addBatch();
                    }
                }
                statement.executeBatch();
            }
            return null;
        });
    }

    /** Device names by clock node. */
    public java.util.Map<String, String> writerNames() {
        java.util.Map<String, String> names = new java.util.HashMap<>();
        withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT node, name FROM writer_names");
                 ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    names.put(rows.getString(1), rows.getString(2));
                }
            }
            return null;
        });
        return names;
    }

    private static String name(String name) {
        return name.length() > 200 ? name.substring(0, 200) : name;
    }

    /** The refused mutation itself, while the user has not discarded or dismissed it. */
    public Optional<Mutation> refusedMutation(UUID mutationId) {
        return withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT payload FROM refused_changes WHERE mutation_id = ?")) {
                statement.setObject(1, mutationId);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(json.readMutation(rows.getString(1))) : Optional.<Mutation>empty();
                }
            }
        });
    }

    public void dismissConflict(Conflict conflict) {
        withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "UPDATE conflicts SET dismissed = TRUE WHERE task_id = ? AND field = ? AND lost_hlc = ?")) {
                statement.setObject(1, conflict.taskId());
                statement.setString(2, conflict.field().wireName());
                statement.setString(3, conflict.lostHlc().encode());
                statement.executeUpdate();
            }
            return null;
        });
    }

    long count(String sql) {
        return withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    @FunctionalInterface
    private interface ConnectionWork<T> {
        T run(Connection connection) throws SQLException;
    }

    @FunctionalInterface
    private interface StatementsWork {
        void run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction on the store's side tables (refused changes, conflicts):
     * commits if it returns, rolls back if it throws. It writes no task state, so it does not take the
     * one-writer lock of {@link #inTransaction}.
     */
    private void withTransaction(StatementsWork work) {
        withConnection(connection -> {
            connection.setAutoCommit(false);
            try {
                work.run(connection);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
            return null;
        });
    }

    private <T> T withConnection(ConnectionWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StoreException("could not read the task store: " + e.getMessage(), e);
        }
    }

    private List<Task> query(String sql, Binder binder) {
        return withConnection(connection -> {
            List<Task> tasks = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                binder.bind(statement);
                statement.setFetchSize(1_000);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        tasks.add(readTask(rows));
                    }
                }
            }
            return tasks;
        });
    }

    private static Task readTask(ResultSet rows) throws SQLException {
        String tags = rows.getString(5);
        long completedAt = rows.getLong(10);
        boolean completed = !rows.wasNull();
        return new Task(
                rows.getObject(1, UUID.class),
                rows.getString(2),
                rows.getString(3),
                Priority.values()[rows.getInt(4)],
                tags.isEmpty() ? List.of() : Arrays.asList(tags.split(TAG_SEPARATOR)),
                optional(rows.getString(6), Due::parse),
                optional(rows.getString(7), Reminder::parse),
                optional(rows.getString(8), Recurrence::parse),
                optional(rows.getString(9), SeriesLink::parse),
                completed ? Optional.of(Instant.ofEpochMilli(completedAt)) : Optional.empty(),
                rows.getBoolean(11),
                Instant.ofEpochMilli(rows.getLong(12)),
                Instant.ofEpochMilli(rows.getLong(13)));
    }

    private static <T> Optional<T> optional(String text, Function<String, T> parser) {
        return text == null ? Optional.empty() : Optional.of(parser.apply(text));
    }

    private final class JdbcTransaction implements Transaction, AutoCloseable {
        private final Connection connection;
        /** The per-task statements, prepared once per transaction: a pulled page writes 500 tasks with them. */
        private final java.util.Map<String, PreparedStatement> statements = new java.util.HashMap<>();
        /**
         * Tasks this transaction found without a row (and has not written yet): their first write is
         * a plain insert with no old tags to delete — every task of a first sync. Sound because
         * write transactions run one at a time.
         */
        private final java.util.Set<UUID> absent = new java.util.HashSet<>();

        JdbcTransaction(Connection connection) {
            this.connection = connection;
        }

        /** A statement kept open until the transaction ends (not to be closed by the caller). */
        private PreparedStatement prepared(String sql) throws SQLException {
            PreparedStatement statement = statements.get(sql);
            if (statement == null) {
                statement = connection.prepareStatement(sql);
                statements.put(sql, statement);
            }
            return statement;
        }

        @Override
        public void close() throws SQLException {
            for (PreparedStatement statement : statements.values()) {
                statement.close();
            }
        }

        @Override
        public Optional<TaskState> state(UUID taskId) throws SQLException {
            PreparedStatement statement = prepared("SELECT state_json FROM tasks WHERE id = ?");
            statement.setObject(1, taskId);
            try (ResultSet rows = statement.executeQuery()) {
                if (rows.next()) {
                    absent.remove(taskId);
                    return Optional.of(json.readState(rows.getString(1)));
                }
                absent.add(taskId);
                return Optional.empty();
            }
        }

        @Override
        public java.util.Map<UUID, TaskState> states(List<UUID> taskIds) throws SQLException {
            java.util.Map<UUID, TaskState> found = new java.util.HashMap<>();
            for (int from = 0; from < taskIds.size(); from += STATES_PER_READ) {
                List<UUID> chunk = taskIds.subList(from, Math.min(from + STATES_PER_READ, taskIds.size()));
                // An IN list of parameters: H2 looks each one up in the primary key.
                PreparedStatement statement = prepared("SELECT id, state_json FROM tasks WHERE id IN ("
                        + "?, ".repeat(chunk.size() - 1) + "?)");
                for (int i = 0; i < chunk.size(); i++) {
                    statement.setObject(i + 1, chunk.get(i));
                }
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        found.put(rows.getObject(1, UUID.class), json.readState(rows.getString(2)));
                    }
                }
            }
            for (UUID taskId : taskIds) {
                if (found.containsKey(taskId)) {
                    absent.remove(taskId);
                } else {
                    absent.add(taskId);
                }
            }
            return found;
        }

        @Override
        public void put(TaskState state, Task task) throws SQLException {
            boolean isNew = absent.remove(task.id());
            {
                PreparedStatement statement = prepared((isNew ? "INSERT INTO tasks (" + COLUMNS + ", due_date, due_sort_ms, state_json)"
                        : "MERGE INTO tasks (" + COLUMNS + ", due_date, due_sort_ms, state_json) KEY (id)")
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                statement.setObject(1, task.id());
                statement.setString(2, task.title());
                statement.setString(3, task.notes());
                statement.setInt(4, task.priority().ordinal());
                statement.setString(5, String.join(TAG_SEPARATOR, task.tags()));
                statement.setString(6, task.due().map(Due::encode).orElse(null));
                statement.setString(7, task.reminder().map(Reminder::encode).orElse(null));
                statement.setString(8, task.recurrence().map(Recurrence::encode).orElse(null));
                statement.setString(9, task.series().map(SeriesLink::encode).orElse(null));
                if (task.completedAt().isPresent()) {
                    statement.setLong(10, task.completedAt().get().toEpochMilli());
                } else {
                    statement.setNull(10, Types.BIGINT);
                }
                statement.setBoolean(11, task.deleted());
                statement.setLong(12, task.createdAt().toEpochMilli());
                statement.setLong(13, task.updatedAt().toEpochMilli());
                if (task.due().isPresent()) {
                    statement.setDate(14, Date.valueOf(task.due().get().date()));
                    statement.setLong(15, task.due().get().sortInstant(localZone).toEpochMilli());
                } else {
                    statement.setNull(14, Types.DATE);
                    statement.setNull(15, Types.BIGINT);
                }
                statement.setString(16, json.write(state));
                statement.executeUpdate();
            }
            if (!isNew) {
                PreparedStatement delete = prepared("DELETE FROM task_tags WHERE task_id = ?");
                delete.setObject(1, task.id());
                delete.executeUpdate();
            }
            if (!task.tags().isEmpty()) {
                PreparedStatement insert = prepared("INSERT INTO task_tags (task_id, tag_key) VALUES (?, ?)");
                for (String tag : task.tags()) {
                    insert.setObject(1, task.id());
                    insert.setString(2, Tags.key(tag));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }

        @Override
        public void appendOutbox(Mutation mutation, Instant now) throws SQLException {
            {
                PreparedStatement statement = prepared(
                        "INSERT INTO outbox (mutation_id, task_id, hlc, payload, created_at) VALUES (?, ?, ?, ?, ?)");
                statement.setObject(1, mutation.mutationId());
                statement.setObject(2, mutation.taskId());
                statement.setString(3, mutation.hlc().encode());
                statement.setString(4, json.write(mutation));
                statement.setLong(5, now.toEpochMilli());
                statement.executeUpdate();
            }
        }

        @Override
        public List<TaskState> allStates() throws SQLException {
            List<TaskState> states = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("SELECT state_json FROM tasks");
                 ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    states.add(json.readState(rows.getString(1)));
                }
            }
            return states;
        }

        @Override
        public List<Mutation> outbox() throws SQLException {
            List<Mutation> mutations = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("SELECT payload FROM outbox ORDER BY seq");
                 ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    mutations.add(json.readMutation(rows.getString(1)));
                }
            }
            return mutations;
        }

        @Override
        public void replaceOutbox(Mutation mutation) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(
                    "UPDATE outbox SET hlc = ?, payload = ? WHERE mutation_id = ?")) {
                statement.setString(1, mutation.hlc().encode());
                statement.setString(2, json.write(mutation));
                statement.setObject(3, mutation.mutationId());
                statement.executeUpdate();
            }
        }

        @Override
        public void recordConflicts(List<Conflict> conflicts, Instant now) throws SQLException {
            if (!conflicts.isEmpty()) {
                PreparedStatement statement = prepared(
                        "MERGE INTO conflicts (task_id, field, kept_value, kept_hlc, lost_value, lost_hlc, detected_at) "
                                + "KEY (task_id, field, lost_hlc) VALUES (?, ?, ?, ?, ?, ?, ?)");
                for (Conflict conflict : conflicts) {
                    statement.setObject(1, conflict.taskId());
                    statement.setString(2, conflict.field().wireName());
                    statement.setString(3, conflict.keptValue());
                    statement.setString(4, conflict.keptHlc().encode());
                    statement.setString(5, conflict.lostValue());
                    statement.setString(6, conflict.lostHlc().encode());
                    statement.setLong(7, now.toEpochMilli());
                    statement.addBatch();
                }
                statement.executeBatch();
            }
        }
    }
}
