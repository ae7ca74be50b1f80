package dev.tasklane.consumers.audit.ingest;

import dev.tasklane.consumers.audit.log.AuditLog;
import dev.tasklane.consumers.kit.event.TaskEvent;
import dev.tasklane.consumers.kit.handling.EventHandler;
import dev.tasklane.consumers.kit.handling.HandlingFailure;
import dev.tasklane.consumers.kit.observe.ServiceMetrics;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Appends every task event to the audit log. A batch is one transaction (throughput); the event id
 * is the row's unique key, so a redelivered event adds nothing. An event without a user or task
 * id cannot be attributed to anyone and is poison.
 */
public final class AuditHandler implements EventHandler {

    public static final String APPENDED = "tasklane_audit_appended_total";
    public static final String DUPLICATES = "tasklane_audit_duplicates_total";

    private final AuditLog log;
    private final ServiceMetrics metrics;

    public AuditHandler(AuditLog log, ServiceMetrics metrics) {
        this.log = log;
        this.metrics = metrics;
        metrics.describe(APPENDED, "Events appended to the audit log");
        metrics.describe(DUPLICATES, "Redelivered events the log already had");
        metrics.count(APPENDED, 0);
        metrics.count(DUPLICATES, 0);
    }

    @Override
    public void handle(TaskEvent event) {
        handleAll(List.of(event));
    }

    @Override
    public void handleAll(List<TaskEvent> events) {
        List<AuditLog.Entry> entries = new ArrayList<>(events.size());
        for (TaskEvent event : events) {
            entries.add(entry(event));
        }
        try {
            int added = log.append(entries);
            metrics.count(APPENDED, added);
            metrics.count(DUPLICATES, entries.size() - added);
        } catch (SQLException e) {
            if (unavailable(e)) {
                throw new HandlingFailure.DependencyUnavailable("PostgreSQL is unavailable: " + e.getMessage(), e);
            }
            throw new IllegalStateException("the audit log refused an append: " + e.getMessage(), e);
        }
    }

    static AuditLog.Entry entry(TaskEvent event) {
        UUID userId = event.userId().orElseThrow(() -> new HandlingFailure.PoisonEvent("event " + event.id() + " has no data.userId"));
        UUID taskId = event.taskId().orElseThrow(() -> new HandlingFailure.PoisonEvent("event " + event.id() + " has no task id"));
        return new AuditLog.Entry(event.id(), event.type(), userId, taskId, event.time(), event.deviceId(),
                event.changedFields(), event.dataJson());
    }

    /**
     * Failures that say "PostgreSQL cannot take writes right now", not "this batch is wrong": pause
     * and retry, never grind through the batch one event at a time and dead-letter good events.
     * Connection loss (class 08), shutdown and crash recovery (57P), the server short of resources
     * — a full disk, too many connections (53000, 53100, 53300; not out-of-memory or a configured
     * limit, which one oversized batch can cause) —, a read-only server during a managed failover
     * (25006), serialization failures and deadlocks (40001, 40P01), pool time-outs, and failures
     * without a state (the driver's own I/O errors).
     */
    static boolean unavailable(SQLException e) {
        String state = e.getSQLState();
        return e instanceof SQLTransientException || state == null || state.startsWith("08") || state.startsWith("57P")
                || state.equals("53000") || state.equals("53100") || state.equals("53300")
                || state.equals("25006") || state.equals("40001") || state.equals("40P01");
    }
}
