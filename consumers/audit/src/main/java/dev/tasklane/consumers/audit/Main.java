package dev.tasklane.consumers.audit;

import dev.tasklane.consumers.audit.history.HistoryHttpService;
import dev.tasklane.consumers.audit.log.AuditLog;
import io.helidon.webserver.http.HttpRouting;

/** Starts the audit service from environment variables (see {@link AuditSettings}). */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        AuditService service = AuditService.start(AuditSettings.fromEnvironment(System.getenv()));
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, "tasklane-audit-shutdown"));
    }

    /** The audit service's own routes (besides health, metrics and Dapr, which the kit adds); reused by tests. */
    public static void routing(HttpRouting.Builder routing, AuditLog log) {
        routing.register("/internal/v1/history", new HistoryHttpService(log));
    }
}
