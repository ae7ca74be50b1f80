package dev.tasklane.desktop.service.tasks;

import dev.tasklane.core.task.Priority;
import dev.tasklane.core.task.Tags;
import dev.tasklane.core.task.Task;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The live tasks held in memory for instant filtering, search and counts. The store stays the
 * source of truth; the index is rebuilt from it at start and updated after each commit.
 *
 * <p>Each entry carries precomputed primitive keys (search text, due, priority rank, …), so
 * filters and sorts compare numbers rather than unwrapping {@code Optional}s. All tasks are kept
 * sorted by each sort order in use, and a change moves only the changed task in them; a
 * list/tag/priority view is a filter of that order, cached until the next change (or the next
 * minute, since "today" and "overdue" move with time); typing a search then only filters that
 * cached view.
 */
final class TaskIndex {

    private static final long NONE = Long.MAX_VALUE;
    /**
     * Views kept until the next change: enough for a sidebar's lists, priorities and a dozen or so
     * tags, so going back to a view seen since the last change is a lookup. With 8, the desktop
     * bench's 15 lists and tags kept pushing each other out and every tag visit filtered 100,000
     * tasks again (p95 68 ms). A view holds one reference per task shown (at most ~0.4 MB per
     * 100,000 tasks).
     */
    private static final int CACHED_VIEWS = 24;
    /** Above this many tasks in one change the sorted orders are dropped and sorted again when needed. */
    private static final int ORDER_UPDATES_PER_CHANGE = 1_000;

    /** A task with everything filters and sorts need, computed once per change. */
    private record Indexed(Task task, String searchText, String titleKey, long dueSortMs, long dueEpochDay,
                         long overdueAfterMs, int priorityRank, long createdMs, long completedMs, List<String> tagKeys) {
        boolean open() {
            return completedMs == NONE;
        }
    }

    /** What a sorted view depends on besides the data: the query without its text, and the minute. */
    private record ViewKey(SmartList list, Optional<String> tagKey, Optional<Priority> priority, SortOrder sort, long minute) {
    }

    /** Replaced whole when the store has been read, so readers never see a half-built map. */
    private volatile Map<UUID, Indexed> entries = new ConcurrentHashMap<>();
    private final ZoneId zone;
    private final Map<ViewKey, List<Indexed>> views = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ViewKey, List<Indexed>> eldest) {
            return size() > CACHED_VIEWS;
        }
    };
    /**
     * Tasks committed while the store is being read. The read may or may not have seen them, so
     * they are applied again on top of it; later commits come after them, so the newest wins.
     */
    private Map<UUID, Task> changedWhileLoading = new LinkedHashMap<>();
    /** All tasks sorted by each sort order asked for so far, kept current change by change. */
    private final Map<SortOrder, List<Indexed>> orders = new java.util.EnumMap<>(SortOrder.class);
    private boolean loaded;

    TaskIndex(ZoneId zone) {
        this.zone = zone;
    }

    /**
     * Shows a first part of the tasks (the start of the default view) while the rest loads; it
     * is replaced by {@link #replaceAll}.
     */
    synchronized void preview(Collection<Task> first) {
        if (!loaded) {
            first.forEach(task -> putEntry(entries, task));
            changedWhileLoading.values().forEach(task -> putEntry(entries, task));
            views.clear();
            orders.clear();
        }
    }

    /**
     * Takes every live task read from the store. The entries are built before taking the lock,
     * so queries on the UI thread never wait for the whole build.
     */
    void replaceAll(Collection<Task> tasks) {
        Map<UUID, Indexed> fresh = new ConcurrentHashMap<>(Math.max(16, tasks.size() * 4 / 3 + 1));
        tasks.forEach(task -> putEntry(fresh, task));
        synchronized (this) {
            changedWhileLoading.values().forEach(task -> putEntry(fresh, task));
            changedWhileLoading = new LinkedHashMap<>();
            entries = fresh;
            loaded = true;
            views.clear();
            orders.clear();
        }
    }

    /** From here until {@link #replaceAll}, commits are remembered to be applied on top of the read. */
    synchronized void beginLoading() {
        loaded = false;
    }

    synchronized boolean loaded() {
        return loaded;
    }

    synchronized void put(Task task) {
        putAll(List.of(task));
    }

    /** Takes a batch of changed tasks (a pulled page, an import) with one invalidation of the views. */
    synchronized void putAll(Collection<Task> tasks) {
        Map<UUID, Indexed> current = entries;
        if (tasks.size() > ORDER_UPDATES_PER_CHANGE) {
            orders.clear(); // re-sorting once is cheaper than this many moves
        }
        for (Task task : tasks) {
            Indexed before = current.get(task.id());
            Indexed after = putEntry(current, task);
            moveInOrders(before, after);
            if (!loaded) {
                changedWhileLoading.remove(task.id());
                changedWhileLoading.put(task.id(), task);
            }
        }
        views.clear();
    }

    /**
     * Keeps each sorted order current after one task changed: out at its old place, in at its new
     * one (a binary search and an array move each), instead of sorting every task again.
     */
    private void moveInOrders(Indexed before, Indexed after) {
        for (Map.Entry<SortOrder, List<Indexed>> order : orders.entrySet()) {
            List<Indexed> sorted = order.getValue();
            Comparator<Indexed> comparator = order(order.getKey());
            if (before != null) {
                int at = java.util.Collections.binarySearch(sorted, before, comparator);
                if (at < 0) {
                    orders.clear(); // cannot happen with a total order; sort afresh rather than guess
                    return;
                }
                sorted.remove(at);
            }
            if (after != null) {
                int at = java.util.Collections.binarySearch(sorted, after, comparator);
                sorted.add(at < 0 ? -at - 1 : at, after);
            }
        }
    }

    /** Indexes {@code task} into {@code target}; returns its entry, or null when it is deleted. */
    private Indexed putEntry(Map<UUID, Indexed> target, Task task) {
        if (task.deleted()) {
            target.remove(task.id());
            return null;
        }
        String search = (task.title() + "\n" + task.notes() + "\n" + String.join("\n", task.tags())).toLowerCase(Locale.ROOT);
        Indexed entry = new Indexed(task, search, task.title().toLowerCase(Locale.ROOT),
                task.due().map(d -> d.sortInstant(zone).toEpochMilli()).orElse(NONE),
                task.due().map(d -> d.date().toEpochDay()).orElse(NONE),
                task.due().map(d -> d.overdueAfter(zone).toEpochMilli()).orElse(NONE),
                Priority.HIGH.ordinal() - task.priority().ordinal(),
                task.createdAt().toEpochMilli(),
                task.completedAt().map(Instant::toEpochMilli).orElse(NONE),
                task.tags().stream().map(Tags::key).toList());
        target.put(task.id(), entry);
        return entry;
    }

    Optional<Task> get(UUID id) {
        return Optional.ofNullable(entries.get(id)).map(Indexed::task);
    }

    int size() {
        return entries.size();
    }

    Collection<Task> all() {
        return entries.values().stream().map(Indexed::task).toList();
    }

    synchronized List<Task> query(TaskQuery query, Instant now) {
        ViewKey key = new ViewKey(query.list(), query.tagKey(), query.priority(), query.sort(), now.getEpochSecond() / 60);
        List<Indexed> view = views.computeIfAbsent(key, k -> sortedView(query, now));
        String text = query.text().strip().toLowerCase(Locale.ROOT);
        if (text.isEmpty()) {
            return view.stream().map(Indexed::task).toList();
        }
        String[] terms = text.split("\\s+");
        List<Task> found = new ArrayList<>();
        for (Indexed entry : view) {
            if (matchesAll(entry.searchText(), terms)) {
                found.add(entry.task());
            }
        }
        return found;
    }

    private List<Indexed> sortedView(TaskQuery query, Instant now) {
        Predicate<Indexed> filter = listFilter(query.list(), now);
        if (query.tagKey().isPresent()) {
            String tag = query.tagKey().get();
            filter = filter.and(e -> e.tagKeys().contains(tag));
        }
        if (query.priority().isPresent()) {
            int rank = Priority.HIGH.ordinal() - query.priority().get().ordinal();
            filter = filter.and(e -> e.priorityRank() == rank);
        }
        if (query.sort() == SortOrder.DUE && query.list() == SmartList.COMPLETED) {
            // Its own order (latest completion first), over a tenth of the tasks.
            return entries.values().parallelStream().filter(filter).sorted(comparator(query)).toList();
        }
        // Every other view is a filter of one of four sorted orders of all tasks: a pass over
        // the order instead of a sort (which took a second with 1,000,000 tasks).
        List<Indexed> order = orders.computeIfAbsent(query.sort(),
                sort -> new ArrayList<>(entries.values().parallelStream().sorted(order(sort)).toList()));
        return order.parallelStream().filter(filter).toList();
    }

    private static boolean matchesAll(String text, String[] terms) {
        for (String term : terms) {
            if (!text.contains(term)) {
                return false;
            }
        }
        return true;
    }

    TaskCounts counts(Instant now) {
        long today = now.atZone(zone).toLocalDate().toEpochDay();
        long nowMs = now.toEpochMilli();
        int all = 0;
        int todayCount = 0;
        int upcoming = 0;
        int overdue = 0;
        int completed = 0;
        Map<String, TaskCounts.TagCount> tags = new HashMap<>();
        Map<Priority, Integer> priorities = new EnumMap<>(Priority.class);
        for (Indexed entry : entries.values()) {
            if (!entry.open()) {
                completed++;
                continue;
            }
            all++;
            if (entry.dueEpochDay() != NONE) {
                if (entry.dueEpochDay() <= today) {
                    todayCount++;
                } else {
                    upcoming++;
                }
                if (entry.overdueAfterMs() < nowMs) {
                    overdue++;
                }
            }
            priorities.merge(entry.task().priority(), 1, Integer::sum);
            for (String tag : entry.task().tags()) {
                tags.merge(Tags.key(tag), new TaskCounts.TagCount(tag, 1),
                        (a, b) -> new TaskCounts.TagCount(
                                // The same spelling on every run, whatever the map order.
                                a.display().compareTo(b.display()) <= 0 ? a.display() : b.display(),
                                a.count() + b.count()));
            }
        }
        Map<SmartList, Integer> lists = new EnumMap<>(SmartList.class);
        lists.put(SmartList.ALL, all);
        lists.put(SmartList.TODAY, todayCount);
        lists.put(SmartList.UPCOMING, upcoming);
        lists.put(SmartList.OVERDUE, overdue);
        lists.put(SmartList.COMPLETED, completed);
        return new TaskCounts(lists, tags, priorities);
    }

    private Predicate<Indexed> listFilter(SmartList list, Instant now) {
        long today = now.atZone(zone).toLocalDate().toEpochDay();
        long nowMs = now.toEpochMilli();
        return switch (list) {
            case ALL -> Indexed::open;
            case COMPLETED -> e -> !e.open();
            case TODAY -> e -> e.open() && e.dueEpochDay() != NONE && e.dueEpochDay() <= today;
            case UPCOMING -> e -> e.open() && e.dueEpochDay() != NONE && e.dueEpochDay() > today;
            case OVERDUE -> e -> e.open() && e.overdueAfterMs() < nowMs;
        };
    }

    private static Comparator<Indexed> comparator(TaskQuery query) {
        if (query.sort() == SortOrder.DUE && query.list() == SmartList.COMPLETED) {
            return Comparator.comparingLong(Indexed::completedMs).reversed().thenComparing(e -> e.task().id());
        }
        return order(query.sort());
    }

    /** The order of a sort for every list but Completed-by-due; ties break on id, so it is total. */
    private static Comparator<Indexed> order(SortOrder sort) {
        Comparator<Indexed> byDue = Comparator.comparingLong(Indexed::dueSortMs);
        Comparator<Indexed> primary = switch (sort) {
            case DUE -> byDue.thenComparingInt(Indexed::priorityRank);
            case PRIORITY -> Comparator.comparingInt(Indexed::priorityRank).thenComparing(byDue);
            case CREATED -> Comparator.comparingLong(Indexed::createdMs).reversed();
            case TITLE -> Comparator.comparing(Indexed::titleKey);
        };
        return primary.thenComparing(e -> e.task().id());
    }
}
