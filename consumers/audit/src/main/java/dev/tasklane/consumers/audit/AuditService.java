package dev.tasklane.consumers.audit;

import dev.tasklane.consumers.audit.ingest.AuditHandler;
import dev.tasklane.consumers.audit.log.AuditDatabase;
import dev.tasklane.consumers.audit.log.AuditLog;
import dev.tasklane.consumers.kit.ConsumerService;
import dev.tasklane.consumers.kit.observe.ServiceMetrics;
import java.util.List;

/** The running audit service: database, consumer and web server. {@link Main} starts it from the environment. */
public final class AuditService implements AutoCloseable {

    private final AuditDatabase database;
    private final AuditLog log;
    private final ConsumerService consumer;
    private final ServiceMetrics metrics;

    private AuditService(AuditDatabase database, AuditLog log, ConsumerService consumer, ServiceMetrics metrics) {
        this.database = database;
        this.log = log;
        this.consumer = consumer;
        this.metrics = metrics;
    }

    public static AuditService start(AuditSettings settings) {
        AuditDatabase database = AuditDatabase.connect(settings.databaseUrl(), settings.databaseUser(),
                settings.databasePassword(), settings.databasePool());
        // Half the pool writes (a batch split by task, docs/benchmarks.md); the rest serves history reads and health.
        AuditLog log = new AuditLog(database.dataSource(), Math.max(1, settings.databasePool() / 2));
        ServiceMetrics metrics = new ServiceMetrics("audit");
        ConsumerService consumer = ConsumerService.start(settings.consumer(), new AuditHandler(log, metrics), metrics,
                List.of(new ConsumerService.Check("postgresql", database::reachable)),
                routing -> Main.routing(routing, log));
        return new AuditService(database, log, consumer, metrics);
    }

    public int port() {
        return consumer.port();
    }

    public AuditLog log() {
        return log;
    }

    /** The service's own counters (what {@code /metrics} serves); the benchmark times ingest with them. */
    public ServiceMetrics metrics() {
        return metrics;
    }

    public ConsumerService consumer() {
        return consumer;
    }

    @Override
    public void close() {
        consumer.close();
        database.close();
    }
}
