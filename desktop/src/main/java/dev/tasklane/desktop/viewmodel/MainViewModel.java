package dev.tasklane.desktop.viewmodel;

import dev.tasklane.core.task.Due;
import dev.tasklane.core.task.Priority;
import dev.tasklane.core.task.Task;
import dev.tasklane.core.task.ValidationException;
import dev.tasklane.desktop.service.tasks.Completion;
import dev.tasklane.desktop.service.tasks.DueText;
import dev.tasklane.desktop.service.tasks.SaveFailedException;
import dev.tasklane.desktop.service.tasks.SmartList;
import dev.tasklane.desktop.service.tasks.SortOrder;
import dev.tasklane.desktop.service.tasks.TaskCounts;
import dev.tasklane.desktop.service.tasks.TaskQuery;
import dev.tasklane.desktop.service.tasks.TaskService;
import dev.tasklane.desktop.sync.SyncStatusService;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State and commands of the main window: the sidebar, the task list with search and sort, the
 * quick-add bar, undo, and the status bar. Unit-tested without a window.
 *
 * <p>Service calls that change tasks report back through the service's listener; the view model
 * hops to the UI thread through {@code uiExecutor} before touching any property.
 */
public final class MainViewModel {

    private static final int UNDO_LIMIT = 50;
    /** A change of this many tasks at once is a bulk change (a pulled page, an import). */
    private static final int BULK = 100;
    private static final long BULK_REFRESH_INTERVAL_MS = 500;

    // ---- properties
    private final TaskRowList rows;
    private final ObservableList<SidebarItem> sidebar = FXCollections.observableArrayList();
    // One read-only view each, handed out every time: listeners on a fresh wrapper per call
    // would be dropped when that wrapper is garbage-collected.
    private final ObservableList<TaskRow> rowsView;
    private final ObservableList<SidebarItem> sidebarView = FXCollections.unmodifiableObservableList(sidebar);
    private final StringProperty searchText = new SimpleStringProperty("");
    private final ObjectProperty<SortOrder> sortOrder = new SimpleObjectProperty<>(SortOrder.DUE);
    private final ReadOnlyObjectWrapper<SidebarItem> selectedSidebarItem = new ReadOnlyObjectWrapper<>(new SidebarItem.ListItem(SmartList.ALL, 0));
    private final StringProperty quickAddText = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper quickAddError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper quickAddPreview = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper emptyText = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(false);
    private final BooleanProperty darkTheme = new SimpleBooleanProperty(false);
    private final ObjectProperty<UUID> selectedTaskId = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper selectedTaskInList = new ReadOnlyBooleanWrapper(true);

    // ---- collaborators
    private final TaskService tasks;
    private final SyncStatusService syncStatus;
    private final Executor uiExecutor;
    private final Deque<UndoEntry> undoStack = new ArrayDeque<>();
    /** Written on the UI thread; read by the loading thread to prepare the view it will show. */
    private volatile TaskQuery query = TaskQuery.all();
    private long countsMinute = -1;
    private TaskCounts counts = new TaskCounts(Map.of(), Map.of(), Map.of());
    /** Set when a bulk change (a pulled page) was not shown yet because the list was refreshed just before. */
    private volatile boolean staleAfterBulk;
    /**
     * When a bulk change was last shown, on the service's clock (so tests control it); touched only
     * by the thread that publishes bulk changes (the sync engine's).
     */
    private long lastBulkRefreshMs = Long.MIN_VALUE / 2;
    /** Entries waiting in the sync inboxes (sidebar badges); read when tasks or the sync state change. */
    private java.util.EnumMap<Inbox, Integer> inboxCounts = new java.util.EnumMap<>(Map.of(Inbox.CONFLICTS, 0, Inbox.NOT_SYNCED, 0));

    /**
     * Orders status snapshots: each is read (from the store) on the thread that reported the
     * change and shown later on the UI thread; one read earlier but posted later must not win.
     */
    private final java.util.concurrent.atomic.AtomicLong statusReads = new java.util.concurrent.atomic.AtomicLong();
    /** The number of the newest status snapshot shown; touched only on the UI thread. */
    private long statusShown;

    /**
     * What the status bar says and the inbox badges, read from the store. It is read on the thread
     * that reported the change (the sync engine's, while a download runs): these are SQL counts,
     * and a statement on the UI thread can end up writing out the store's pending pages for the
     * sync thread's big transactions, which a flight recording caught stalling the UI.
     */
    private record StatusSnapshot(long number, String text, java.util.EnumMap<Inbox, Integer> inboxes) {
    }

    /** What to write back to undo one action, and what it said it did. */
    private record UndoEntry(String description, List<TaskService.Edit> undo) {
    }

    public MainViewModel(TaskService tasks, SyncStatusService syncStatus, Executor uiExecutor) {
        this.tasks = tasks;
        this.syncStatus = syncStatus;
        this.uiExecutor = uiExecutor;
        this.rows = new TaskRowList(this::toRow);
        this.rowsView = FXCollections.unmodifiableObservableList(rows);
        tasks.addListener(change -> {
            if (change.tasks().size() >= BULK) {
                onBulkChange(false);
            } else {
                // A few tasks (usually the user's own edit, made on the UI thread): counted there,
                // after the commit, so an add's commit does not wait for the counts.
                uiExecutor.execute(this::onTasksChanged);
            }
        });
        syncStatus.addListener(status -> {
            if (staleAfterBulk && !(status instanceof dev.tasklane.desktop.sync.SyncStatus.Syncing)
                    && !(status instanceof dev.tasklane.desktop.sync.SyncStatus.Downloading)) {
                onBulkChange(true); // the download ended: show its last pages
            }
            StatusSnapshot snapshot = readStatus();
            uiExecutor.execute(() -> showStatus(snapshot));
        });
        searchText.addListener((obs, old, text) -> applyQuery(query.withText(text)));
        sortOrder.addListener((obs, old, sort) -> applyQuery(query.withSort(sort)));
        selectedTaskId.addListener((obs, old, id) -> updateSelectedTaskInList());
        quickAddText.addListener((obs, old, text) -> {
            quickAddError.set("");
            previewQuickAdd(text);
        });
    }

    // ---- properties

    public ObservableList<TaskRow> rows() {
        return rowsView;
    }

    public ObservableList<SidebarItem> sidebar() {
        return sidebarView;
    }

    public StringProperty searchTextProperty() {
        return searchText;
    }

    public ObjectProperty<SortOrder> sortOrderProperty() {
        return sortOrder;
    }

    public ReadOnlyObjectProperty<SidebarItem> selectedSidebarItemProperty() {
        return selectedSidebarItem.getReadOnlyProperty();
    }

    public StringProperty quickAddTextProperty() {
        return quickAddText;
    }

    public ReadOnlyStringProperty quickAddErrorProperty() {
        return quickAddError.getReadOnlyProperty();
    }

    /** How the quick-add line will be read ("“Pay rent” · due tomorrow 09:00 · repeats every month"), updated as the user types. */
    public ReadOnlyStringProperty quickAddPreviewProperty() {
        return quickAddPreview.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    /** A short confirmation or problem to show briefly ("Deleted “x” — Ctrl+Z to undo"). */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty emptyTextProperty() {
        return emptyText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    public BooleanProperty darkThemeProperty() {
        return darkTheme;
    }

    /** The task shown in the editor; null when none is selected. */
    public ObjectProperty<UUID> selectedTaskIdProperty() {
        return selectedTaskId;
    }

    /** False while the selected task is hidden by the search, list, tag or priority being looked at. */
    public ReadOnlyBooleanProperty selectedTaskInListProperty() {
        return selectedTaskInList.getReadOnlyProperty();
    }

    // ---- commands

    /**
     * Reads the start of the default view and shows it, so the list is usable while {@link #load()}
     * reads everything; call from a background thread.
     *
     * @return how many tasks were read
     */
    public int loadFirst(int limit) {
        int read = tasks.loadFirst(limit);
        if (read > 0) {
            uiExecutor.execute(() -> {
                if (loading.get()) {
                    refresh();
                }
            });
        }
        return read;
    }

    /** Reads the store; call from a background thread. Properties update on the UI thread. */
    public void load() {
        tasks.load();
        // Sorting 100,000 tasks and counting them happens here, off the UI thread: the sorted
        // view stays cached in the index, so the refresh below only picks it up.
        tasks.query(query);
        TaskCounts loadedCounts = tasks.counts();
        StatusSnapshot status = readStatus();
        uiExecutor.execute(() -> {
            loading.set(false);
            counts = loadedCounts;
            countsMinute = tasks.now().getEpochSecond() / 60;
            refresh();
            showStatus(status);
        });
    }

    public void selectSidebarItem(SidebarItem item) {
        switch (item) {
            case SidebarItem.Heading ignored -> {
                return;
            }
            case SidebarItem.ListItem list -> query = query.withList(list.list());
            case SidebarItem.TagItem tag -> query = query.withTag(tag.key());
            case SidebarItem.PriorityItem priority -> query = query.withPriority(priority.priority());
            case SidebarItem.InboxItem inbox -> {
                // The main window shows the inbox instead of the task list; the query stays as it was.
                selectedSidebarItem.set(inbox);
                return;
            }
        }
        selectedSidebarItem.set(item);
        refresh();
    }

    public void selectList(SmartList list) {
        selectSidebarItem(new SidebarItem.ListItem(list, 0));
    }

    /** Adds the task described in the quick-add bar; on bad input shows why and keeps the text. */
    public boolean submitQuickAdd() {
        String line = quickAddText.get();
        if (line.isBlank()) {
            quickAddError.set("Type a task, e.g. “Pay rent tomorrow 9am !high #home every month”.");
            return false;
        }
        try {
            Task created = tasks.quickAdd(line);
            quickAddText.set("");
            selectedTaskId.set(created.id());
            message.set("Added “" + created.title() + "”");
            return true;
        } catch (ValidationException e) {
            quickAddError.set(e.errors().getFirst().message());
            return false;
        } catch (SaveFailedException e) {
            quickAddError.set("Could not save: " + e.getMessage());
            return false;
        }
    }

    /** Shows a sentence in the status bar's message area (e.g. what the editor saved when the user moved on). */
    public void report(String text) {
        message.set("");
        message.set(text);
    }

    /**
     * Says, once and quietly, that reminders which fired before this device had their tasks (they
     * came with sign-in or sync) were not popped up.
     */
    public void reportQuietReminders(int count) {
        message.set(count == 1
                ? "1 reminder had already fired before this device had its task, so it was not shown."
                : count + " reminders had already fired before this device had their tasks, so they were not shown.");
    }

    private void previewQuickAdd(String line) {
        if (line.isBlank()) {
            quickAddPreview.set("");
            return;
        }
        quickAddPreview.set(QuickAddPreview.describe(tasks.readQuickAdd(line), tasks.now().atZone(tasks.zone())));
    }

    /** Completes an open task or reopens a completed one. */
    public void toggleComplete(UUID id) {
        Optional<Task> before = tasks.find(id);
        if (before.isEmpty()) {
            return;
        }
        guarded(() -> {
            if (before.get().completed()) {
                pushUndo("Reopened “" + before.get().title() + "”", tasks.reopen(id).undo());
                return;
            }
            Completion completion = tasks.complete(id);
            pushUndo("Completed “" + before.get().title() + "”", completion.undo());
            message.set(completion.next()
                    .map(next -> "Completed — next: " + next.due().map(this::dueText).orElse("no date"))
                    .orElse("Completed “" + before.get().title() + "”"));
            completion.next().ifPresent(next -> selectedTaskId.set(next.id()));
        });
    }

    public void delete(UUID id) {
        tasks.find(id).ifPresent(before -> guarded(() -> {
            pushUndo("Deleted “" + before.title() + "”", tasks.delete(id).undo());
            if (id.equals(selectedTaskId.get())) {
                selectedTaskId.set(null);
            }
            message.set("Deleted “" + before.title() + "” — Ctrl+Z to undo");
        }));
    }

    /** Undoes the last delete, completion or reopen. */
    public void undo() {
        UndoEntry entry = undoStack.pollFirst();
        canUndo.set(!undoStack.isEmpty());
        if (entry == null) {
            message.set("Nothing to undo");
            return;
        }
        guarded(() -> {
            tasks.revert(entry.undo());
            entry.undo().stream().map(TaskService.Edit::edited).filter(t -> !t.deleted()).findFirst()
                    .ifPresent(t -> selectedTaskId.set(t.id()));
            message.set("Undone: " + entry.description());
        });
    }

    /**
     * Records an action done elsewhere (an import) so that Ctrl+Z undoes it as one step;
     * {@code undo} holds an edit per task it wrote.
     */
    public void recordUndo(String description, List<TaskService.Edit> undo) {
        if (!undo.isEmpty()) {
            pushUndo(description, undo);
        }
    }

    /**
     * Rebuilds the rows for the current query, and the sidebar and status bar. Sidebar counts
     * are recomputed only when tasks change, not on every keystroke of a search.
     */
    public void refresh() {
        List<Task> found = tasks.query(query);
        long minute = tasks.now().getEpochSecond() / 60;
        if (minute != countsMinute) {
            countsMinute = minute;
            counts = tasks.counts();
        }
        rows.show(found);
        updateSelectedTaskInList();
        rebuildSidebar(counts);
        emptyText.set(emptyMessage());
    }

    /** Where the task with {@code id} is in {@link #rows()}, or -1 (without formatting any row). */
    public int rowIndexOf(UUID id) {
        return rows.indexOfTask(id);
    }

    private void updateSelectedTaskInList() {
        UUID selected = selectedTaskId.get();
        // By id in the shown tasks: rows are formatted on demand.
        selectedTaskInList.set(selected == null || rows.indexOfTask(selected) >= 0);
    }

    /** Reads the status bar's sentence and the inbox counts from the store; any thread. */
    private StatusSnapshot readStatus() {
        long number = statusReads.incrementAndGet();
        java.util.EnumMap<Inbox, Integer> inboxes = new java.util.EnumMap<>(Inbox.class);
        inboxes.put(Inbox.CONFLICTS, tasks.conflictCount());
        inboxes.put(Inbox.NOT_SYNCED, tasks.refusedCount());
        return new StatusSnapshot(number, syncStatus.describe(), inboxes);
    }

    /** Shows a snapshot on the UI thread, unless a newer one is shown already. */
    private void showStatus(StatusSnapshot snapshot) {
        if (snapshot.number() < statusShown) {
            return;
        }
        statusShown = snapshot.number();
        statusText.set(snapshot.text());
        if (!snapshot.inboxes().equals(inboxCounts)) {
            inboxCounts = snapshot.inboxes();
            rebuildSidebar(counts);
        }
    }

    // ---- internals

    private void onTasksChanged() {
        counts = tasks.counts();
        refresh();
        showStatus(readStatus());
    }

    /**
     * A bulk change (a pulled page, an import), on the thread that made it. A download brings a
     * page every few tens of milliseconds: the list shows the new state at most twice a second (and
     * once at the end), and the sorting and counting for it happen here, so the UI thread only
     * swaps the rows in — with 100,000 tasks that work would otherwise stall it for ~100 ms a time.
     */
    private void onBulkChange(boolean last) {
        long now = tasks.now().toEpochMilli();
        if (!last && now >= lastBulkRefreshMs && now - lastBulkRefreshMs < BULK_REFRESH_INTERVAL_MS) {
            staleAfterBulk = true;
            return;
        }
        lastBulkRefreshMs = now;
        staleAfterBulk = false;
        TaskQuery shown = query;
        List<Task> found = tasks.query(shown);
        TaskCounts newCounts = tasks.counts();
        StatusSnapshot status = readStatus();
        uiExecutor.execute(() -> {
            counts = newCounts;
            countsMinute = tasks.now().getEpochSecond() / 60;
            if (query != shown) {
                refresh(); // the user moved on meanwhile: show what they look at now
                showStatus(status);
                return;
            }
            rows.show(found);
            updateSelectedTaskInList();
            rebuildSidebar(counts);
            emptyText.set(emptyMessage());
            showStatus(status);
        });
    }

    private void applyQuery(TaskQuery newQuery) {
        query = newQuery;
        if (!loading.get()) {
            refresh();
        }
    }

    private void pushUndo(String description, List<TaskService.Edit> restore) {
        undoStack.push(new UndoEntry(description, restore));
        while (undoStack.size() > UNDO_LIMIT) {
            undoStack.removeLast();
        }
        canUndo.set(true);
    }

    private void guarded(Runnable action) {
        try {
            action.run();
        } catch (SaveFailedException | ValidationException e) {
            message.set("Could not save: " + e.getMessage());
        }
    }

    private TaskRow toRow(Task task) {
        Instant instant = tasks.now();
        ZonedDateTime now = instant.atZone(tasks.zone());
        boolean overdue = !task.completed() && task.due().map(d -> d.overdueAfter(tasks.zone()).isBefore(instant)).orElse(false);
        return new TaskRow(task.id(), task.title(), task.due().map(d -> DueText.relative(d, now)).orElse(""), overdue,
                task.priority(), task.tags(), task.recurrence().isPresent(), task.completed(), task.reminder().isPresent());
    }

    private String dueText(Due due) {
        return DueText.relative(due, tasks.now().atZone(tasks.zone()));
    }

    private void rebuildSidebar(TaskCounts counts) {
        List<SidebarItem> items = new ArrayList<>();
        for (SmartList list : SmartList.values()) {
            items.add(new SidebarItem.ListItem(list, counts.lists().getOrDefault(list, 0)));
        }
        if (!counts.tags().isEmpty()) {
            items.add(new SidebarItem.Heading("Tags"));
            counts.tags().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(e -> items.add(new SidebarItem.TagItem(e.getKey(), e.getValue().display(), e.getValue().count())));
        }
        // Both inboxes are always there, so a user can find them before anything goes wrong.
        items.add(new SidebarItem.Heading("Sync"));
        items.add(new SidebarItem.InboxItem(Inbox.CONFLICTS, inboxCounts.get(Inbox.CONFLICTS)));
        items.add(new SidebarItem.InboxItem(Inbox.NOT_SYNCED, inboxCounts.get(Inbox.NOT_SYNCED)));
        items.add(new SidebarItem.Heading("Priority"));
        List<Priority> priorities = new ArrayList<>(List.of(Priority.values()));
        priorities.sort(Comparator.reverseOrder());
        for (Priority priority : priorities) {
            if (priority != Priority.NONE) {
                items.add(new SidebarItem.PriorityItem(priority, counts.priorities().getOrDefault(priority, 0)));
            }
        }
        if (!sidebar.equals(items)) { // a replaced list updates every sidebar cell, even to the same entries
            sidebar.setAll(items);
        }
    }

    private String emptyMessage() {
        if (!rows.isEmpty()) {
            return "";
        }
        if (!query.text().isBlank()) {
            return "No tasks match “" + query.text().strip() + "”.";
        }
        if (tasks.size() == 0) {
            return "No tasks yet. Type one above — try “Water plants every sunday #home”.";
        }
        return switch (query.list()) {
            case TODAY -> "Nothing due today. Enjoy the day.";
            case OVERDUE -> "Nothing overdue.";
            case UPCOMING -> "Nothing scheduled ahead.";
            case COMPLETED -> "No completed tasks yet.";
            case ALL -> "All done!";
        };
    }
}
