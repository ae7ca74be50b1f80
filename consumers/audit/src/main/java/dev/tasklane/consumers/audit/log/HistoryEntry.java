package dev.tasklane.consumers.audit.log;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One event in a task's history.
 *
 * @param seq     position in the log (the paging cursor)
 * @param device  the device that made the change, when the event names one
 */
public record HistoryEntry(long seq, String eventId, String type, Instant time, Optional<String> device,
                           List<FieldChange> changes) {
}
