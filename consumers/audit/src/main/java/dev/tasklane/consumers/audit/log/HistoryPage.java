package dev.tasklane.consumers.audit.log;

import java.util.List;
import java.util.OptionalLong;

/** Newest first; {@code next} is the {@code before} cursor of the following page, empty on the last page. */
public record HistoryPage(List<HistoryEntry> items, OptionalLong next) {
}
