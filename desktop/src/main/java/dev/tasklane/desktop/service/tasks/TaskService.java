package dev.tasklane.desktop.service.tasks;

import dev.tasklane.core.clock.Hlc;
import dev.tasklane.core.clock.HybridLogicalClock;
import dev.tasklane.core.id.TaskIds;
import dev.tasklane.core.merge.Conflict;
import dev.tasklane.core.merge.FieldChange;
import dev.tasklane.core.merge.MergeResult;
import dev.tasklane.core.merge.Mutation;
import dev.tasklane.core.merge.Mutations;
import dev.tasklane.core.merge.TaskField;
import dev.tasklane.core.merge.TaskState;
import dev.tasklane.core.quickadd.DateOrder;
import dev.tasklane.core.quickadd.QuickAdd;
import dev.tasklane.core.quickadd.QuickAddParser;
import dev.tasklane.core.recurrence.NextOccurrence;
import dev.tasklane.core.task.Reminder;
import dev.tasklane.core.task.Task;
import dev.tasklane.core.task.ValidationException;
import dev.tasklane.desktop.store.StoreException;
import dev.tasklane.desktop.store.TaskStore;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Everything the user can do to tasks. Each operation commits the task rows and their outbox
 * mutations in one local transaction, then updates the in-memory index and tells listeners.
 *
 * <p>Writes take a few milliseconds on the local store, so callers may run them on the UI thread;
 * {@link #load()} reads the whole store and belongs on a background thread.
 */
public final class TaskService {

    private final TaskStore store;
    private final HybridLogicalClock clock;
    private final StampingClock stamping;
    private final InstantSource time;
    private final ZoneId zone;
    private final DateOrder dateOrder;
    private final TaskIndex index;
    private final List<Consumer<TaskChange>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<List<LearnedReminder>>> learnedReminderHandlers = new CopyOnWriteArrayList<>();

    /**
     * @param clock    stamps changes; reads {@code stamping}
     * @param time     the computer's clock, for what the user sees (created, completed, due)
     */
    public TaskService(TaskStore store, HybridLogicalClock clock, StampingClock stamping, InstantSource time, ZoneId zone) {
        this(store, clock, stamping, time, zone, DateOrder.of(java.util.Locale.getDefault(java.util.Locale.Category.FORMAT)));
    }

    /** @param dateOrder how quick add reads a numeric date such as 04/05 (from the user's locale) */
    public TaskService(TaskStore store, HybridLogicalClock clock, StampingClock stamping, InstantSource time, ZoneId zone,
                       DateOrder dateOrder) {
        this.dateOrder = dateOrder;
        this.store = store;
        this.clock = clock;
        this.stamping = stamping;
        this.time = time;
        this.zone = zone;
        this.index = new TaskIndex(zone);
    }

    /** Reads every live task from the store into memory; call off the UI thread. */
    public void load() {
        index.beginLoading();
        index.replaceAll(store.loadLive());
    }

    /**
     * Reads the first {@code limit} open tasks by due date — the start of the default view — so the
     * list can show them while {@link #load()} reads the rest. Does nothing once loaded.
     *
     * @return how many tasks were read
     */
    public int loadFirst(int limit) {
        if (index.loaded()) {
            return 0;
        }
        List<Task> first = store.firstOpenByDue(limit);
        index.preview(first);
        return first.size();
    }

    /** Whether every task is in memory (after {@link #load()}); before that queries see a first part. */
    public boolean loaded() {
        return index.loaded();
    }

    public void addListener(Consumer<TaskChange> listener) {
        listeners.add(listener);
    }

    /**
     * Registers {@code handler} for reminder fire times that arrive through sync. It runs inside
     * the merge's transaction, before the merged tasks are visible to anyone, so whatever it
     * records (e.g. "already past, do not pop up") is in place before a reminder check can see
     * the tasks. It must not throw and must not write tasks.
     */
    public void onRemindersLearnedFromSync(Consumer<List<LearnedReminder>> handler) {
        learnedReminderHandlers.add(handler);
    }

    public ZoneId zone() {
        return zone;
    }

    public Instant now() {
        return time.instant();
    }

    public int size() {
        return index.size();
    }

    public Optional<Task> find(UUID id) {
        return index.get(id).or(() -> store.find(id));
    }

    public List<Task> query(TaskQuery query) {
        return index.query(query, time.instant());
    }

    public TaskCounts counts() {
        return index.counts(time.instant());
    }

    /** Every live task, open and completed, oldest first (export and backup). */
    public List<Task> allTasks() {
        return index.all().stream().sorted(java.util.Comparator.comparing(Task::createdAt).thenComparing(Task::id)).toList();
    }

    /** Live tasks that have a reminder, for the reminder scheduler. */
    public List<Task> tasksWithReminders() {
        return index.all().stream().filter(t -> t.reminder().isPresent() && !t.completed()).toList();
    }

    public long pendingChanges() {
        return store.pendingMutations();
    }

    /**
     * Creates a task from a quick-add line.
     *
     * @throws ValidationException when the line leaves no title or a value breaks a rule
     */
    public Task quickAdd(String line) {
        Instant now = time.instant();
        QuickAdd parsed = readQuickAdd(line);
        Task task = new Task(TaskIds.newTaskId(), parsed.title(), "", parsed.priority(), parsed.tags(), parsed.due(),
                parsed.reminder(), parsed.recurrence(), Optional.empty(), Optional.empty(), false, now, now);
        return create(task);
    }

    /** How {@link #quickAdd} would read {@code line} now, without saving anything (for the live preview). */
    public QuickAdd readQuickAdd(String line) {
        return new QuickAddParser(time.instant().atZone(zone), dateOrder).parse(line);
    }

    public Task create(Task task) {
        return createAll(List.of(task)).getFirst();
    }

    /** Creates many new tasks in one transaction (imports). */
    public List<Task> createAll(List<Task> newTasks) {
        return commit(newTasks.stream().map(task -> new Edit(TaskState.empty(task.id()), task)).toList(), List.of());
    }

    /**
     * Writes imported tasks in one transaction, each as an edit from the state it replaces (empty
     * for a new task, the tombstone for one deleted here before): all of them or, on failure, none.
     * Each result carries its undo, taken in the same transaction (a new task deleted again, a
     * restored one back to its tombstone).
     */
    public List<Changed> writeAll(List<Edit> edits) {
        return commitWritten(edits, List.of()).stream().map(written -> new Changed(written.task(), written.undo().stream().toList())).toList();
    }

    /**
     * Changes the task as it is stored now: {@code change} is applied to the current task and
     * the fields it changed are written. For programmatic changes; an editor that showed an older
     * state saves with {@link #save(TaskState, Task)} instead.
     */
    public Task update(UUID id, java.util.function.UnaryOperator<Task> change) {
        return commit(List.of(current(id, change)), List.of()).getFirst();
    }

    /** As {@link #update}, and how to undo exactly this change. */
    private Changed change(UUID id, java.util.function.UnaryOperator<Task> change) {
        Written written = commitWritten(List.of(current(id, change)), List.of()).getFirst();
        return new Changed(written.task(), written.undo().stream().toList());
    }

    /**
     * The replicated state of a task, as an editor or an undo entry keeps it: saving against it
     * later writes only what changed since, with the clocks the user actually saw.
     */
    public Optional<TaskState> snapshot(UUID id) {
        try {
            return store.inTransaction(tx -> tx.state(id));
        } catch (StoreException e) {
            throw new SaveFailedException(e.getMessage(), e);
        }
    }

    /**
     * Saves an edit made from {@code opened} (the state the editor showed). Only the fields the user
     * changed in that session are written, each with the clock of the value the user saw as its
     * base: a field another device changed meanwhile stays as that device left it, and a field
     * both changed keeps the other device's value as a conflict.
     */
    public Task save(TaskState opened, Task edited) {
        return commit(List.of(new Edit(opened, edited)), List.of()).getFirst();
    }

    /**
     * Undoes actions: each entry takes a task from the state the action left back to the task
     * before it, writing only the fields that action changed. Where another device changed such a
     * field since, the undo still applies and the other value is kept as a conflict.
     */
    public List<Task> revert(List<Edit> undo) {
        return commit(undo, List.of());
    }

    /** An edit of a task made while looking at {@code opened}: the fields where {@code edited} differs. */
    public record Edit(TaskState opened, Task edited) {
    }

    private Edit current(UUID id, java.util.function.UnaryOperator<Task> change) {
        TaskState state = snapshot(id).orElseThrow(() -> missing(id));
        return new Edit(state, change.apply(state.toTask().orElseThrow(() -> missing(id))));
    }

    /**
     * Completes a task. A recurring task's next occurrence is created in the same transaction,
     * only if no task with its deterministic id exists yet.
     */
    public Completion complete(UUID id) {
        Edit completion = current(id, task -> task.withCompletedAt(Optional.of(time.instant())));
        Task task = completion.opened().toTask().orElseThrow();
        if (task.completed()) {
            return new Completion(task, Optional.empty(), List.of());
        }
        Instant now = completion.edited().completedAt().orElseThrow();
        Optional<Task> next = NextOccurrence.after(task, now, zone, now);
        List<Written> written = commitWritten(List.of(completion), next.stream().toList());
        Optional<Task> created = next.flatMap(n -> written.stream().map(Written::task).filter(w -> w.id().equals(n.id())).findFirst());
        return new Completion(written.getFirst().task(), created.or(() -> next.flatMap(n -> find(n.id()))),
                written.stream().flatMap(w -> w.undo().stream()).toList());
    }

    public Changed reopen(UUID id) {
        return change(id, task -> task.withCompletedAt(Optional.empty()));
    }

    public Changed delete(UUID id) {
        return change(id, task -> task.withDeleted(true));
    }

    /** Moves a task's reminder to {@code until}; a new fire time is a new reminder that will show again. */
    public Task snooze(UUID id, Instant until) {
        return update(id, task -> task.withReminder(Optional.of(new Reminder.At(until))));
    }

    public List<Conflict> conflicts(UUID taskId) {
        return store.openConflicts(taskId);
    }

    /** Brings back the value that lost a concurrent edit, as a new change that syncs like any other. */
    public Task restoreConflict(Conflict conflict) {
        Task restored = transaction(tx -> {
            TaskState state = tx.state(conflict.taskId()).orElseThrow(() -> missing(conflict.taskId()));
            Mutation mutation = new Mutation(TaskIds.newMutationId(), conflict.taskId(), tickAbove(state),
                    Map.of(conflict.field(), new FieldChange(conflict.lostValue(), state.clockOf(conflict.field()))), Map.of());
            mutation.validate();
            TaskState next = state.apply(mutation).state();
            tx.put(next);
            tx.appendOutbox(mutation, time.instant());
            return next.toTask().orElseThrow();
        });
        store.dismissConflict(conflict);
        publish(List.of(restored));
        return restored;
    }

    public void dismissConflict(Conflict conflict) {
        store.dismissConflict(conflict);
    }

    /**
     * Merges mutations that came from other devices (through sync). They are not put in the
     * outbox; concurrent local edits they override are kept as conflicts. Invalid mutations are
     * skipped and reported, so one bad change never blocks the rest.
     *
     * @return the mutations that were refused, with the reason
     */
    public Map<UUID, String> applyRemote(List<Mutation> mutations) {
        Map<UUID, String> refused = new java.util.LinkedHashMap<>();
        List<TaskState> valid = new ArrayList<>();
        for (Mutation mutation : mutations) {
            try {
                mutation.validate();
                valid.add(TaskState.of(mutation));
            } catch (ValidationException e) {
                refused.put(mutation.mutationId(), e.getMessage());
            }
        }
        List<UUID> untitled = mergeRemote(valid).untitled();
        mutations.stream().filter(m -> untitled.contains(m.taskId()))
                .forEach(m -> refused.put(m.mutationId(), "task has no title yet"));
        return refused;
    }

    /**
     * Merges task states pulled from the sync server. The merge is a join, so repeats and any
     * order are harmless; concurrent local edits that lose are kept as conflicts. A state without
     * a title yet (an edit whose create this device has not seen) is skipped until it has one.
     *
     * @return how many tasks changed here
     */
    public int applyRemoteStates(List<TaskState> states) {
        return mergeRemote(states).changed();
    }

    /** How a remote merge went: tasks changed here, and tasks left without a title (not stored). */
    private record RemoteMerge(int changed, List<UUID> untitled) {
    }

    /** Merges remote states in one transaction, records conflicts and tells listeners. */
    private RemoteMerge mergeRemote(List<TaskState> states) {
        List<UUID> untitled = new ArrayList<>();
        List<LearnedReminder> learned = new ArrayList<>();
        List<Task> changed = transaction(tx -> {
            learned.clear();
            List<Task> result = new ArrayList<>();
            // One read for the page; a task twice in it merges onto what the first one wrote.
            Map<UUID, TaskState> stored = tx.states(states.stream().map(TaskState::taskId).distinct().toList());
            for (TaskState incoming : states) {
                clock.observe(incoming.latestClock());
                TaskState current = stored.getOrDefault(incoming.taskId(), TaskState.empty(incoming.taskId()));
                MergeResult merged = current.merge(incoming);
                Optional<Task> task = merged.state().toTask(); // once: it is most of a merge's cost
                if (task.isEmpty()) {
                    untitled.add(incoming.taskId());
                    continue;
                }
                if (merged.changed(current)) {
                    tx.put(merged.state(), task.get());
                    stored.put(incoming.taskId(), merged.state());
                    tx.recordConflicts(merged.conflicts(), time.instant());
                    Task after = task.get();
                    result.add(after);
                    learnedFireTime(current, after).ifPresent(at -> learned.add(new LearnedReminder(after.id(), at)));
                }
            }
            if (!learned.isEmpty()) {
                learnedReminderHandlers.forEach(handler -> handler.accept(List.copyOf(learned)));
            }
            return result;
        });
        publish(changed);
        return new RemoteMerge(changed.size(), untitled);
    }

    /** The fire time of {@code after}'s reminder when this merge brought it (the state before had none, or another). */
    private Optional<Instant> learnedFireTime(TaskState before, Task after) {
        Optional<Instant> fireAt = after.reminder().flatMap(r -> r.fireTime(after.due(), zone));
        Optional<Instant> previous = before.toTask().flatMap(t -> t.reminder().flatMap(r -> r.fireTime(t.due(), zone)));
        return fireAt.filter(at -> !previous.equals(Optional.of(at)));
    }

    /**
     * Learns the server's time from a sync exchange. When changes were refused because this
     * device's clock ran ahead, the clock is corrected and those changes are re-stamped in place —
     * in the outbox (same order, bases that pointed at an old stamp follow it) and in the stored
     * states — so they are sent again and the device keeps the same values as everyone else.
     *
     * @param refusedForClock ids of outbox mutations the server refused with {@code clock_ahead}
     */
    public void adoptServerTime(Instant serverTime, Instant sentAt, Instant receivedAt, java.util.Collection<UUID> refusedForClock) {
        stamping.adopt(serverTime, sentAt, receivedAt);
        if (refusedForClock.isEmpty()) {
            return;
        }
        List<Task> changed = transaction(tx -> {
            // Inside the store's one-writer transaction, so no local write stamps between the
            // restart and the re-stamping; every refusal means stamps ran ahead, corrected now or not.
            clock.restart();
            Map<Hlc, Hlc> restamped = new java.util.HashMap<>();
            Map<UUID, TaskState> states = new java.util.LinkedHashMap<>();
            for (Mutation mutation : tx.outbox()) {
                boolean refused = refusedForClock.contains(mutation.mutationId());
                if (!refused && mutation.fields().values().stream().noneMatch(change -> restamped.containsKey(change.base()))) {
                    continue;
                }
                // Above the values it replaces, as every local write is.
                Hlc hlc = refused ? clock.tickAfter(mutation.fields().values().stream()
                        .map(change -> restamped.getOrDefault(change.base(), change.base())).max(Hlc::compareTo).orElse(Hlc.ZERO))
                        : mutation.hlc();
                if (refused) {
                    restamped.put(mutation.hlc(), hlc);
                }
                Map<TaskField, FieldChange> fields = new java.util.EnumMap<>(TaskField.class);
                mutation.fields().forEach((field, change) -> fields.put(field,
                        new FieldChange(change.value(), restamped.getOrDefault(change.base(), change.base()))));
                Mutation again = new Mutation(mutation.mutationId(), mutation.taskId(), hlc, fields, mutation.tags());
                tx.replaceOutbox(again);
                TaskState state = states.containsKey(mutation.taskId()) ? states.get(mutation.taskId())
                        : tx.state(mutation.taskId()).orElse(TaskState.empty(mutation.taskId()));
                states.put(mutation.taskId(), state.restamp(mutation.hlc(), again));
            }
            List<Task> result = new ArrayList<>();
            for (TaskState state : states.values()) {
                tx.put(state);
                state.toTask().ifPresent(result::add);
            }
            return result;
        });
        publish(changed);
    }

    /**
     * Queues this device's whole state for upload: the server's database was restored from a
     * backup and may have lost changes it had acknowledged. Each task goes as the mutations that
     * rebuild it; the merge makes what the server already has a no-op.
     *
     * @return how many mutations were queued
     */
    public int queueFullUpload() {
        return transaction(tx -> {
            int queued = 0;
            java.util.Set<UUID> pending = new java.util.HashSet<>();
            tx.outbox().forEach(m -> pending.add(m.mutationId()));
            Instant now = time.instant();
            for (TaskState state : tx.allStates()) {
                for (Mutation mutation : Mutations.rebuilding(state)) {
                    if (pending.add(mutation.mutationId())) {
                        tx.appendOutbox(mutation, now);
                        queued++;
                    }
                }
            }
            return queued;
        });
    }

    /** Takes changes the server refused as invalid out of the outbox, keeping them, with the reason, for the user. */
    public void refuse(Map<UUID, dev.tasklane.core.sync.Rejection> rejections) {
        store.refuse(rejections, time.instant());
    }

    /** Every open conflict on any task, newest first, with the writers' names where known (the inbox). */
    public List<KnownConflict> allConflicts() {
        return store.openConflicts().stream().map(c -> new KnownConflict(c.conflict(), c.keptBy(), c.lostBy(), c.detectedAt(),
                c.fromServer())).toList();
    }

    /** Changes the server refused as invalid and the user has not handled, newest first. */
    public List<RefusedChange> refused() {
        return store.refusedChanges().stream().map(r -> new RefusedChange(r.mutationId(), r.taskId(), r.code(), r.reason(),
                r.refusedAt())).toList();
    }

    public int refusedCount() {
        return (int) store.refusedCount();
    }

    public int conflictCount() {
        return store.openConflictCount();
    }

    /** Keeps conflicts the server detected, and the device names of the account's clock nodes. */
    public void recordServerConflicts(List<KnownConflict> conflicts, Map<String, String> writerNames) {
        store.putWriterNames(writerNames);
        store.recordServerConflicts(conflicts.stream().map(c -> new TaskStore.StoredConflict(c.conflict(), c.keptBy(), c.lostBy(),
                c.detectedAt(), c.fromServer())).toList());
    }

    /** Device names by clock node, as the server last reported them. */
    public Map<String, String> writerNames() {
        return store.writerNames();
    }

    /** The clock node id this device stamps its changes with ("this device" in the inbox). */
    public String node() {
        return clock.node();
    }

    /** The change the server refused, as it was sent. */
    public Optional<Mutation> refusedMutation(UUID mutationId) {
        return store.refusedMutation(mutationId);
    }

    /**
     * Gives up a change the server refused and goes back to the server's value: every field and
     * tag the refused change set takes the value the server holds ({@code server}); a task the
     * server never had (its creation was refused) is deleted here too. Written as a new change,
     * so it syncs like any other, then the refused change leaves the list.
     *
     * @return the task as it is now
     */
    public Optional<Task> discardRefused(UUID mutationId, Optional<Task> server) {
        Optional<Mutation> refused = store.refusedMutation(mutationId);
        if (refused.isEmpty()) {
            return Optional.empty();
        }
        Mutation mutation = refused.get();
        Optional<Task> result = find(mutation.taskId()).map(local -> update(local.id(), task -> {
            if (server.isEmpty()) {
                return task.withDeleted(true);
            }
            Task reverted = task;
            for (TaskField field : mutation.fields().keySet()) {
                reverted = takeField(reverted, field, server.get());
            }
            if (!mutation.tags().isEmpty()) {
                java.util.Set<String> serverKeys = new java.util.HashSet<>();
                server.get().tags().forEach(tag -> serverKeys.add(dev.tasklane.core.task.Tags.key(tag)));
                List<String> tags = new ArrayList<>();
                for (String tag : reverted.tags()) {
                    String key = dev.tasklane.core.task.Tags.key(tag);
                    if (!mutation.tags().containsKey(key) || serverKeys.contains(key)) {
                        tags.add(tag);
                    }
                }
                for (String tag : server.get().tags()) {
                    String key = dev.tasklane.core.task.Tags.key(tag);
                    if (mutation.tags().containsKey(key) && tags.stream().noneMatch(t -> dev.tasklane.core.task.Tags.key(t).equals(key))) {
                        tags.add(tag);
                    }
                }
                reverted = reverted.withTags(tags);
            }
            return reverted;
        }));
        store.dismissRefused(mutationId);
        return result;
    }

    private static Task takeField(Task task, TaskField field, Task from) {
        return switch (field) {
            case TITLE -> task.withTitle(from.title());
            case NOTES -> task.withNotes(from.notes());
            case PRIORITY -> task.withPriority(from.priority());
            case DUE -> task.withDue(from.due());
            case REMINDER -> task.withReminder(from.reminder());
            case RECURRENCE -> task.withRecurrence(from.recurrence());
            case SERIES -> task.withSeries(from.series());
            case COMPLETED_AT -> task.withCompletedAt(from.completedAt());
            case DELETED -> task.withDeleted(from.deleted());
            case CREATED_AT -> task; // set once, at creation; never edited
        };
    }

    /** Changes the server refused, newest first. */
    public List<TaskStore.RefusedChange> refusedChanges() {
        return store.refusedChanges();
    }

    public void dismissRefused(UUID mutationId) {
        store.dismissRefused(mutationId);
    }

    /** The oldest unsynced mutations, for the sync engine. */
    public List<Mutation> outbox(int limit) {
        return store.pendingMutations(limit);
    }

    /** Drops mutations the server has applied (or refused) from the outbox. */
    public void acknowledge(java.util.Collection<UUID> mutationIds) {
        store.removeFromOutbox(mutationIds);
    }

    private <T> T transaction(TaskStore.Work<T> work) {
        try {
            return store.inTransaction(work);
        } catch (StoreException e) {
            throw new SaveFailedException(e.getMessage(), e);
        }
    }

    private static IllegalArgumentException missing(UUID id) {
        return new IllegalArgumentException("no task " + id);
    }

    /**
     * Commits {@code writes} (each an edit applied to whatever is stored now) and
     * {@code createIfAbsent} (written only where no task with that id exists) in one transaction.
     *
     * @return the stored versions of every task written, in order
     */
    private List<Task> commit(List<Edit> writes, List<Task> createIfAbsent) {
        return commitWritten(writes, createIfAbsent).stream().map(Written::task).toList();
    }

    /** A task as one write stored it, and the edit that would take it back (none when nothing changed). */
    private record Written(Task task, Optional<Edit> undo) {
    }

    private List<Written> commitWritten(List<Edit> writes, List<Task> createIfAbsent) {
        Instant now = time.instant();
        List<Written> stored = transaction(tx -> {
            List<Written> result = new ArrayList<>();
            for (Edit edit : writes) {
                TaskState current = tx.state(edit.edited().id()).orElse(TaskState.empty(edit.edited().id()));
                result.add(write(tx, current, edit.opened(), edit.edited(), now));
            }
            for (Task target : createIfAbsent) {
                if (tx.state(target.id()).isEmpty()) {
                    TaskState empty = TaskState.empty(target.id());
                    result.add(write(tx, empty, empty, target, now));
                }
            }
            return result;
        });
        publish(stored.stream().map(Written::task).toList());
        return stored;
    }

    /**
     * Writes the fields where {@code target} differs from {@code opened} onto {@code current}. Its
     * undo goes from the state written back to {@code current} (a created task is deleted again):
     * exactly the fields this write changed, with the clocks it left.
     */
    private Written write(TaskStore.Transaction tx, TaskState current, TaskState opened, Task target, Instant now) throws SQLException {
        Mutation mutation = Mutations.between(opened, target, tickAbove(current), TaskIds.newMutationId());
        if (mutation.isEmpty()) {
            return new Written(current.toTask().orElse(target), Optional.empty());
        }
        MergeResult merged = current.apply(mutation);
        tx.put(merged.state());
        tx.appendOutbox(mutation, now);
        tx.recordConflicts(merged.conflicts(), now);
        Task stored = merged.state().toTask().orElseThrow();
        Task back = current.toTask().orElseGet(() -> stored.withDeleted(true));
        return new Written(stored, Optional.of(new Edit(merged.state(), back)));
    }

    /**
     * A clock for a local write above every clock in the state it replaces, so the user's own
     * edit never loses to an older one — after a restart, or when the wall clock went back.
     */
    private Hlc tickAbove(TaskState current) {
        return clock.tickAfter(current.latestClock());
    }

    private void publish(List<Task> changed) {
        if (changed.isEmpty()) {
            return;
        }
        index.putAll(changed);
        TaskChange change = new TaskChange(changed);
        listeners.forEach(listener -> listener.accept(change));
    }
}
