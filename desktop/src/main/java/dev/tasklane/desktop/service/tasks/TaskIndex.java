package dev.tasklane.desktop.service.tasks;

import dev.tasklane.core.task.Due;
import dev.tasklane.core.task.Priority;
import dev.tasklane.core.task.Tags;
import dev.tasklane.core.task.Task;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
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
 */
final class TaskIndex {

    /** A task with its lower-cased search text, computed once per change rather than per keystroke. */
    private record Entry(Task task, String searchText, long dueSortMs) {
    }

    private final Map<UUID, Entry> entries = new ConcurrentHashMap<>();
    private final ZoneId zone;

    TaskIndex(ZoneId zone) {
        this.zone = zone;
    }

    void replaceAll(Collection<Task> tasks) {
        entries.clear();
        tasks.forEach(this::put);
    }

    void put(Task task) {
        if (task.deleted()) {
            entries.remove(task.id());
            return;
        }
        String search = (task.title() + "\n" + task.notes() + "\n" + String.join("\n", task.tags())).toLowerCase(Locale.ROOT);
        long dueSort = task.due().map(d -> d.sortInstant(zone).toEpochMilli()).orElse(Long.MAX_VALUE);
        entries.put(task.id(), new Entry(task, search, dueSort));
    }

    Optional<Task> get(UUID id) {
        return Optional.ofNullable(entries.get(id)).map(Entry::task);
    }

    int size() {
        return entries.size();
    }

    Collection<Task> all() {
        return entries.values().stream().map(Entry::task).toList();
    }

    List<Task> query(TaskQuery query, Instant now) {
        Predicate<Entry> filter = listFilter(query.list(), now);
        if (query.tagKey().isPresent()) {
            String key = query.tagKey().get();
            filter = filter.and(e -> e.task().tags().stream().anyMatch(tag -> Tags.key(tag).equals(key)));
        }
        if (query.priority().isPresent()) {
            Priority priority = query.priority().get();
            filter = filter.and(e -> e.task().priority() == priority);
        }
        String text = query.text().strip().toLowerCase(Locale.ROOT);
        if (!text.isEmpty()) {
            String[] terms = text.split("\\s+");
            filter = filter.and(e -> {
                for (String term : terms) {
                    if (!e.searchText().contains(term)) {
                        return false;
                    }
                }
                return true;
            });
        }
        return entries.values().parallelStream()
                .filter(filter)
                .sorted(comparator(query))
                .map(Entry::task)
                .toList();
    }

    TaskCounts counts(Instant now) {
        Map<SmartList, Integer> lists = new EnumMap<>(SmartList.class);
        for (SmartList list : SmartList.values()) {
            lists.put(list, 0);
        }
        Map<String, TaskCounts.TagCount> tags = new HashMap<>();
        Map<Priority, Integer> priorities = new EnumMap<>(Priority.class);
        for (Entry entry : entries.values()) {
            for (SmartList list : SmartList.values()) {
                if (listFilter(list, now).test(entry)) {
                    lists.merge(list, 1, Integer::sum);
                }
            }
            Task task = entry.task();
            if (!task.completed()) {
                priorities.merge(task.priority(), 1, Integer::sum);
                for (String tag : task.tags()) {
                    tags.merge(Tags.key(tag), new TaskCounts.TagCount(tag, 1),
                            (a, b) -> new TaskCounts.TagCount(
                                    // The same spelling on every run, whatever the map order.
                                    a.display().compareTo(b.display()) <= 0 ? a.display() : b.display(),
                                    a.count() + b.count()));
                }
            }
        }
        return new TaskCounts(lists, tags, priorities);
    }

    private Predicate<Entry> listFilter(SmartList list, Instant now) {
        LocalDate today = now.atZone(zone).toLocalDate();
        return switch (list) {
            case ALL -> e -> !e.task().completed();
            case COMPLETED -> e -> e.task().completed();
            case TODAY -> e -> !e.task().completed() && e.task().due().map(Due::date).filter(d -> !d.isAfter(today)).isPresent();
            case UPCOMING -> e -> !e.task().completed() && e.task().due().map(Due::date).filter(d -> d.isAfter(today)).isPresent();
            case OVERDUE -> e -> !e.task().completed() && e.task().due().filter(d -> d.overdueAfter(zone).isBefore(now)).isPresent();
        };
    }

    private static Comparator<Entry> comparator(TaskQuery query) {
        Comparator<Entry> byCreatedDesc = Comparator.comparing((Entry e) -> e.task().createdAt()).reversed();
        Comparator<Entry> byDue = Comparator.comparingLong(Entry::dueSortMs);
        Comparator<Entry> primary = switch (query.sort()) {
            case DUE -> byDue.thenComparing(e -> e.task().priority(), Comparator.reverseOrder());
            case PRIORITY -> Comparator.comparing((Entry e) -> e.task().priority(), Comparator.reverseOrder()).thenComparing(byDue);
            case CREATED -> byCreatedDesc;
            case TITLE -> Comparator.comparing((Entry e) -> e.task().title(), String.CASE_INSENSITIVE_ORDER);
        };
        if (query.list() == SmartList.COMPLETED && query.sort() == SortOrder.DUE) {
            primary = Comparator.comparing((Entry e) -> e.task().completedAt().orElse(Instant.EPOCH)).reversed();
        }
        return primary.thenComparing(e -> e.task().id());
    }
}
