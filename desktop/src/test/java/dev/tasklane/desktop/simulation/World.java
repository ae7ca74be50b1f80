package dev.tasklane.desktop.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasklane.core.merge.Mutation;
import dev.tasklane.core.merge.TaskState;
import dev.tasklane.core.task.Due;
import dev.tasklane.core.task.Priority;
import dev.tasklane.core.task.Recurrence;
import dev.tasklane.core.task.Reminder;
import dev.tasklane.core.task.Task;
import dev.tasklane.core.task.ValidationException;
import dev.tasklane.desktop.service.tasks.TaskService;
import dev.tasklane.desktop.sync.SyncStatus;
import dev.tasklane.server.sync.SyncService;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/** The simulated world: a server, three devices, and a seeded random user. */
final class World implements AutoCloseable {

    private static final String[] TAGS = {"home", "work", "errands", "garden", "bills", "kids", "car", "health", "books",
        "music", "travel", "phone", "email", "taxes", "gym", "food", "gifts", "repairs", "school", "pets", "misc", "later"};
    private static final String[] RULES = {"FREQ=DAILY", "FREQ=WEEKLY", "FREQ=WEEKLY;BYDAY=MO,TH", "FREQ=MONTHLY", "FREQ=DAILY;COUNT=3"};

    private final Random random;
    private final SyncService sync;
    private final javax.sql.DataSource serverDatabase;
    private boolean snapshotTaken;
    private int restores;
    private final UUID user;
    private final AtomicReference<Instant> serverNow;
    private final List<Device> devices = new ArrayList<>();
    private final Map<UUID, Mutation> pushed = new LinkedHashMap<>();
    private long operations;
    private long syncs;
    private long faults;
    private long refusedForClock;
    private int healRounds;

    /** @param laptopSkew how far the laptop's clock is off; empty: a random skew within ±4 minutes */
    World(long seed, Path directory, SyncService sync, javax.sql.DataSource serverDatabase, UUID user,
          AtomicReference<Instant> serverNow, Optional<Duration> laptopSkew) {
        this.random = new Random(seed);
        this.serverDatabase = serverDatabase;
        this.sync = sync;
        this.user = user;
        this.serverNow = serverNow;
        for (String name : List.of("laptop", "phone", "tablet")) {
            Duration skew = MultiDeviceSimulationTest.skew(random);
            devices.add(new Device(name, directory.resolve(name), name.equals("laptop") ? laptopSkew.orElse(skew) : skew, device -> request -> {
                synchronized (pushed) {
                    // The latest version of each: a change refused for a clock that ran ahead is re-stamped and sent again.
                    request.mutations().forEach(m -> pushed.put(m.mutationId(), m));
                }
                device.beforeServer();
                dev.tasklane.core.sync.SyncResponse response = sync.sync(user, request);
                refusedForClock += response.rejected().stream().filter(r -> r.code().equals("clock_ahead")).count();
                return device.afterServer(response);
            }));
        }
        devices.forEach(d -> d.setTime(serverNow.get()));
    }

    List<Device> devices() {
        return devices;
    }

    SyncService sync() {
        return sync;
    }

    Map<UUID, Mutation> pushed() {
        return pushed;
    }

    long operations() {
        return operations;
    }

    long syncs() {
        return syncs;
    }

    long faults() {
        return faults;
    }

    long refusedForClock() {
        return refusedForClock;
    }

    int healRounds() {
        return healRounds;
    }

    long conflictCount() {
        return devices.stream().mapToLong(d -> d.conflicts().size()).sum();
    }

    /** The laptop works offline first, so its first sync carries changes stamped with its own clock. */
    void laptopWorksOfflineFirst() {
        for (int i = 0; i < 3; i++) {
            add(devices.getFirst());
            remember(devices.getFirst());
            editFromSnapshot(devices.getFirst());
        }
    }

    void run(int steps) {
        for (int step = 0; step < steps; step++) {
            serverNow.set(serverNow.get().plusMillis(random.nextInt(90_000)));
            devices.forEach(d -> d.setTime(serverNow.get()));
            Device device = devices.get(random.nextInt(devices.size()));
            remember(device);
            int dice = random.nextInt(100);
            operations++;
            if (dice < 14) {
                add(device);
            } else if (dice < 44) {
                editFromSnapshot(device);
            } else if (dice < 56) {
                toggleComplete(device);
            } else if (dice < 62) {
                delete(device);
            } else if (dice < 67) {
                undo(device);
            } else if (dice < 69) {
                device.restart();
            } else if (dice < 70) {
                backupOrRestoreServer();
            } else {
                syncWithFault(device);
            }
        }
    }

    int restores() {
        return restores;
    }

    private static final List<String> USER_TABLES = List.of("sync_state", "tasks", "applied_mutations", "conflicts", "outbox", "user_events");

    /**
     * The first time a backup of the user's rows; later, at most once, a restore from it (with the
     * epoch key rotated, as the restore runbook says): the server forgets everything acknowledged
     * since, and the devices must notice and upload it again.
     */
    private void backupOrRestoreServer() {
        if (restores > 0) {
            return;
        }
        try (java.sql.Connection connection = serverDatabase.getConnection(); java.sql.Statement sql = connection.createStatement()) {
            String suffix = user.toString().replace("-", "");
            for (String table : USER_TABLES) {
                String copy = "sim_" + table + "_" + suffix;
                if (!snapshotTaken) {
                    sql.execute("CREATE TABLE " + copy + " AS SELECT * FROM " + table + " WHERE user_id = '" + user + "'");
                } else {
                    sql.execute("DELETE FROM " + table + " WHERE user_id = '" + user + "'");
                    sql.execute("INSERT INTO " + table + " SELECT * FROM " + copy);
                    sql.execute("DROP TABLE " + copy);
                }
            }
            if (snapshotTaken) {
                sql.execute("UPDATE server_keys SET key = decode(md5(random()::text || clock_timestamp()::text), 'hex') WHERE name = 'epoch'");
                restores++;
            }
            snapshotTaken = true;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Correct every clock, then sync in turns until a round changes nothing. */
    void heal(int maxRounds) {
        devices.forEach(d -> d.correctClock(serverNow.get()));
        for (healRounds = 1; healRounds <= maxRounds; healRounds++) {
            for (Device device : devices) {
                serverNow.set(serverNow.get().plusSeconds(1));
                devices.forEach(d -> d.setTime(serverNow.get()));
                assertThat(device.sync(Device.Fault.NONE)).as("heal sync of %s", device.name()).isInstanceOf(SyncStatus.Synced.class);
            }
            Map<UUID, TaskState> server = new LinkedHashMap<>();
            sync.states(user).forEach(s -> server.put(s.taskId(), s));
            if (devices.stream().allMatch(d -> d.tasks().pendingChanges() == 0 && d.states().equals(server))) {
                return;
            }
        }
        Map<UUID, TaskState> server = new LinkedHashMap<>();
        sync.states(user).forEach(s -> server.put(s.taskId(), s));
        StringBuilder why = new StringBuilder("devices did not converge within " + maxRounds + " sync rounds");
        for (Device device : devices) {
            Map<UUID, TaskState> local = device.states();
            why.append("\n").append(device.name()).append(": ").append(device.tasks().pendingChanges()).append(" pending");
            java.util.Set<UUID> ids = new java.util.TreeSet<>(server.keySet());
            ids.addAll(local.keySet());
            ids.stream().filter(id -> !java.util.Objects.equals(local.get(id), server.get(id))).limit(3).forEach(id -> why
                    .append("\n  task ").append(id).append("\n    here:   ").append(local.get(id))
                    .append("\n    server: ").append(server.get(id)));
        }
        throw new AssertionError(why.toString());
    }

    private void syncWithFault(Device device) {
        syncs++;
        Device.Fault fault = Device.Fault.NONE;
        if (random.nextInt(100) < 40) {
            Device.Fault[] kinds = Device.Fault.values();
            fault = kinds[1 + random.nextInt(kinds.length - 1)];
            faults++;
        }
        device.sync(fault);
    }

    /** Keeps a snapshot of a random task as an editor opened now would hold it. */
    private void remember(Device device) {
        randomTask(device).flatMap(id -> device.tasks().snapshot(id)).ifPresent(state -> {
            device.seen.add(state);
            if (device.seen.size() > 12) {
                device.seen.removeFirst();
            }
        });
    }

    /** Mostly one of a few "hot" tasks, so that devices really do edit the same fields concurrently. */
    private Optional<UUID> randomTask(Device device) {
        List<UUID> ids = new ArrayList<>(device.states().keySet());
        ids.sort(null);
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        int range = random.nextInt(100) < 70 ? Math.min(ids.size(), 5) : ids.size();
        return Optional.of(ids.get(random.nextInt(range)));
    }

    private void add(Device device) {
        String[] lines = {"Call the bank", "Water plants tomorrow every week", "Pay rent today every month", "Buy milk #errands",
            "Write report tomorrow 9am !high #work", "Stretch today every day", "Read a chapter #books"};
        device.tasks().quickAdd(lines[random.nextInt(lines.length)] + " " + random.nextInt(1000));
    }

    /** An editor opened some steps ago saves one to three field changes. */
    private void editFromSnapshot(Device device) {
        if (device.seen.isEmpty()) {
            return;
        }
        TaskState opened = device.seen.get(random.nextInt(device.seen.size()));
        Optional<Task> shown = opened.toTask();
        if (shown.isEmpty() || shown.get().deleted()) {
            return;
        }
        Task edited = shown.get();
        int changes = 1 + random.nextInt(3);
        try {
            for (int i = 0; i < changes; i++) {
                edited = change(edited);
            }
            TaskState before = device.tasks().snapshot(edited.id()).orElseThrow();
            device.tasks().save(opened, edited);
            TaskState after = device.tasks().snapshot(edited.id()).orElseThrow();
            // A save writes only what the user changed in that editor: every other field is as
            // another device (or this one, since) left it.
            for (dev.tasklane.core.merge.TaskField field : dev.tasklane.core.merge.TaskField.values()) {
                if (field.read(edited).equals(field.read(shown.get()))) {
                    assertThat(after.fields().get(field)).as("%s untouched by the save", field).isEqualTo(before.fields().get(field));
                }
            }
        } catch (ValidationException e) {
            // The editor would show the error and save nothing; so do we.
        }
    }

    private Task change(Task task) {
        ZoneId zone = ZoneId.of("Europe/Berlin");
        LocalDate day = LocalDate.of(2026, 12, 1).plusDays(random.nextInt(60));
        return switch (random.nextInt(10)) {
            case 0, 8, 9 -> task.withTitle("Title " + random.nextInt(10_000));
            case 1 -> task.withNotes(notes());
            case 2 -> task.withPriority(Priority.values()[random.nextInt(Priority.values().length)]);
            case 3 -> task.withDue(random.nextInt(4) == 0 ? Optional.empty()
                    : Optional.of(random.nextBoolean() ? new Due.AllDay(day) : new Due.Timed(LocalDateTime.of(day, java.time.LocalTime.of(9, 30)), zone)));
            case 4 -> task.withRecurrence(random.nextInt(3) == 0 ? Optional.empty()
                    : Optional.of(new Recurrence(RULES[random.nextInt(RULES.length)], random.nextInt(4) == 0)));
            case 5 -> task.withReminder(random.nextInt(3) == 0 ? Optional.empty()
                    : Optional.of(new Reminder.BeforeDue(Duration.ofMinutes(5L * (1 + random.nextInt(12))))));
            default -> task.withTags(tags(task.tags()));
        };
    }

    private String notes() {
        int length = random.nextInt(10) == 0 ? random.nextInt(20_001) : random.nextInt(200);
        StringBuilder notes = new StringBuilder(length);
        while (notes.length() < length) {
            notes.append("note ").append(random.nextInt(100)).append(' ');
        }
        return notes.substring(0, length);
    }

    private List<String> tags(List<String> current) {
        List<String> tags = new ArrayList<>(current);
        int edits = 1 + random.nextInt(6);
        for (int i = 0; i < edits; i++) {
            String tag = TAGS[random.nextInt(TAGS.length)];
            if (tags.stream().anyMatch(t -> t.equalsIgnoreCase(tag))) {
                tags.removeIf(t -> t.equalsIgnoreCase(tag));
            } else if (tags.size() < 20) {
                tags.add(tag);
            }
        }
        return tags;
    }

    private void toggleComplete(Device device) {
        randomTask(device).flatMap(id -> device.tasks().find(id)).filter(t -> !t.deleted()).ifPresent(before -> {
            TaskService tasks = device.tasks();
            device.undo.add(before.completed() ? tasks.reopen(before.id()).undo() : tasks.complete(before.id()).undo());
        });
    }

    private void delete(Device device) {
        randomTask(device).flatMap(id -> device.tasks().find(id)).filter(t -> !t.deleted()).ifPresent(before -> {
            device.undo.add(device.tasks().delete(before.id()).undo());
        });
    }

    private void undo(Device device) {
        if (!device.undo.isEmpty()) {
            device.tasks().revert(device.undo.removeLast());
        }
    }

    @Override
    public void close() {
        devices.forEach(Device::close);
    }
}
