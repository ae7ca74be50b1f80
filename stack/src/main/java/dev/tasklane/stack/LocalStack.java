package dev.tasklane.stack;

import dev.tasklane.consumers.audit.AuditService;
import dev.tasklane.consumers.audit.AuditSettings;
import dev.tasklane.consumers.recurrence.RecurrenceService;
import dev.tasklane.consumers.recurrence.RecurrenceSettings;
import dev.tasklane.consumers.reminders.ReminderSettings;
import dev.tasklane.consumers.reminders.RemindersService;
import dev.tasklane.server.ServerConfig;
import dev.tasklane.server.SyncServer;
import dev.tasklane.server.ratelimit.RateLimits;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The whole cloud side on one machine: PostgreSQL, Kafka (KRaft), Redis, the consumer services and the sync server, on fixed
 * ports, data kept in {@code TASKLANE_STACK_DIR} (default {@code ~/.tasklane-stack}). Ctrl+C
 * stops everything cleanly. End-to-end tests start the same pieces through {@link #start}.
 */
public final class LocalStack implements AutoCloseable {

    /** The default listen address: this machine only. Set {@code TASKLANE_HOST=0.0.0.0} to serve the network. */
    public static final String LOOPBACK = "127.0.0.1";

    /** The token the local consumer services present on the server's internal listener (a Secret in production). */
    public static final String SERVICE_TOKEN = "local-stack-service-token-not-for-production-0123456789";

    /** Fixed, documented ports of the local stack (0 = a free port). */
    public record Ports(int server, int postgres, int kafka, int kafkaController, int redis, int audit, int recurrence,
                        int reminders) {
        public static final Ports DEFAULT = new Ports(8080, 55432, 59092, 59093, 56379, 8093, 8092, 8091);

        /** The consumer services on free ports. */
        public Ports(int server, int postgres, int kafka, int kafkaController, int redis) {
            this(server, postgres, kafka, kafkaController, redis, 0, 0, 0);
        }
    }

    private final EmbeddedPostgresServer postgres;
    private final EmbeddedKafka kafka;
    private final EmbeddedRedis redis;
    private final String jwtSecret;
    private final RateLimits rateLimits;
    private final String host;
    private final AuditService audit;
    private final SyncServer server;
    private final RecurrenceService recurrence;
    private final RemindersService reminders;

    private LocalStack(EmbeddedPostgresServer postgres, EmbeddedKafka kafka, EmbeddedRedis redis, String jwtSecret,
                       RateLimits rateLimits, String host, AuditService audit) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.redis = redis;
        this.jwtSecret = jwtSecret;
        this.rateLimits = rateLimits;
        this.host = host;
        this.audit = audit;
        this.server = null;
        this.recurrence = null;
        this.reminders = null;
    }

    private LocalStack(LocalStack infrastructure, SyncServer server, RecurrenceService recurrence, RemindersService reminders) {
        this.postgres = infrastructure.postgres;
        this.kafka = infrastructure.kafka;
        this.redis = infrastructure.redis;
        this.jwtSecret = infrastructure.jwtSecret;
        this.rateLimits = infrastructure.rateLimits;
        this.host = infrastructure.host;
        this.audit = infrastructure.audit;
        this.server = server;
        this.recurrence = recurrence;
        this.reminders = reminders;
    }

    /** Starts PostgreSQL, Kafka and the sync server on 127.0.0.1; data lives under {@code directory}. */
    public static LocalStack start(Path directory, Ports ports, String jwtSecret, RateLimits rateLimits) {
        return start(directory, ports, jwtSecret, rateLimits, LOOPBACK);
    }

    /**
     * Starts PostgreSQL, Kafka and the sync server; data lives under {@code directory}.
     *
     * @param host the sync server's listen address: 127.0.0.1 keeps the stack to this machine
     */
    public static LocalStack start(Path directory, Ports ports, String jwtSecret, RateLimits rateLimits, String host) {
        return start(directory, ports, jwtSecret, rateLimits, host, true);
    }

    /**
     * @param postgresStopsWithJvm whether PostgreSQL stops itself when the JVM ends (tests); {@link #main} stops the
     *                             whole stack in order instead, services first, so none of them sees its database go
     */
    private static LocalStack start(Path directory, Ports ports, String jwtSecret, RateLimits rateLimits, String host,
                                    boolean postgresStopsWithJvm) {
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(directory.resolve("postgres"), ports.postgres(),
                postgresStopsWithJvm);
        EmbeddedKafka kafka = new EmbeddedKafka(directory.resolve("kafka"), ports.kafka(), ports.kafkaController()).start();
        EmbeddedRedis redis = EmbeddedRedis.start(ports.redis());
        AuditService audit = startAudit(postgres, kafka, ports.audit());
        LocalStack infrastructure = new LocalStack(postgres, kafka, redis, jwtSecret, rateLimits, host, audit);
        SyncServer server = infrastructure.startReplica(ports.server());
        return new LocalStack(infrastructure, server, startRecurrence(kafka, server, ports.recurrence()),
                startReminders(kafka, redis, ports.reminders()));
    }

    private static AuditService startAudit(EmbeddedPostgresServer postgres, EmbeddedKafka kafka, int port) {
        return AuditService.start(AuditSettings.fromEnvironment(Map.of(
                "TASKLANE_PORT", Integer.toString(port), "TASKLANE_HOST", LOOPBACK,
                "TASKLANE_KAFKA_BOOTSTRAP", kafka.bootstrapServers(),
                "TASKLANE_DB_URL", postgres.jdbcUrl(),
                "TASKLANE_DB_USER", "postgres",
                "TASKLANE_DB_PASSWORD", "postgres")));
    }

    private static RecurrenceService startRecurrence(EmbeddedKafka kafka, SyncServer server, int port) {
        return RecurrenceService.start(RecurrenceSettings.fromEnvironment(Map.of(
                "TASKLANE_PORT", Integer.toString(port), "TASKLANE_HOST", LOOPBACK,
                "TASKLANE_KAFKA_BOOTSTRAP", kafka.bootstrapServers(),
                "TASKLANE_SYNC_INTERNAL_URL", "http://127.0.0.1:" + server.internalPort().orElseThrow(),
                "TASKLANE_SERVICE_TOKEN", SERVICE_TOKEN)));
    }

    private static RemindersService startReminders(EmbeddedKafka kafka, EmbeddedRedis redis, int port) {
        return RemindersService.start(ReminderSettings.fromEnvironment(Map.of(
                "TASKLANE_PORT", Integer.toString(port), "TASKLANE_HOST", LOOPBACK,
                "TASKLANE_KAFKA_BOOTSTRAP", kafka.bootstrapServers(),
                "TASKLANE_REDIS_URL", redis.url())));
    }

    /** Another audit replica (same group, so Kafka splits the partitions between them; 0 = a free port). */
    public AuditService startAuditReplica(int port) {
        return startAudit(postgres, kafka, port);
    }

    /** Another recurrence replica (same group; 0 = a free port). */
    public RecurrenceService startRecurrenceReplica(int port) {
        return startRecurrence(kafka, server, port);
    }

    /** Another reminders replica (same group and Redis; 0 = a free port). */
    public RemindersService startRemindersReplica(int port) {
        return startReminders(kafka, redis, port);
    }

    public AuditService audit() {
        return audit;
    }

    public RecurrenceService recurrence() {
        return recurrence;
    }

    public RemindersService reminders() {
        return reminders;
    }

    /** Another sync-server replica on the same PostgreSQL, Kafka and Redis (0 = a free port). */
    public SyncServer startReplica(int port) {
        return SyncServer.start(replicaConfig(port));
    }

    /** The configuration a replica of this stack runs with. */
    ServerConfig replicaConfig(int port) {
        return ServerConfig.of(port, new ServerConfig.Database(postgres.jdbcUrl(), "postgres", "postgres", 10),
                jwtSecret.getBytes(StandardCharsets.UTF_8), Optional.of(ServerConfig.Kafka.plaintext(kafka.bootstrapServers(), "task-events")),
                Optional.of(ServerConfig.Redis.plain(redis.url())), rateLimits).withHost(host)
                .withInternal(new ServerConfig.Internal(Optional.of(URI.create("http://127.0.0.1:" + audit.port())), 0,
                        Optional.of(SERVICE_TOKEN)));
    }

    public EmbeddedRedis redis() {
        return redis;
    }

    public SyncServer server() {
        return server;
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    public EmbeddedPostgresServer postgres() {
        return postgres;
    }

    @Override
    public void close() {
        if (reminders != null) {
            reminders.close();
        }
        if (recurrence != null) {
            recurrence.close();
        }
        if (server != null) {
            server.close();
        }
        audit.close();
        redis.close();
        kafka.close();
        postgres.close();
    }

    public static void main(String[] args) throws InterruptedException {
        // The embedded servers log every step at INFO; a developer wants the URLs and real problems.
        try (var config = LocalStack.class.getResourceAsStream("/tasklane-stack-logging.properties")) {
            java.util.logging.LogManager.getLogManager().readConfiguration(config);
        } catch (java.io.IOException e) {
            System.err.println("logging configuration not applied: " + e.getMessage());
        }
        Path directory = Path.of(System.getenv().getOrDefault("TASKLANE_STACK_DIR",
                Path.of(System.getProperty("user.home"), ".tasklane-stack").toString()));
        dev.tasklane.server.observe.JsonLogFormatter.install();
        String secret = StackSecret.resolve(System.getenv(), directory);
        String host = System.getenv().getOrDefault("TASKLANE_HOST", LOOPBACK);
        LocalStack stack = start(directory, Ports.DEFAULT, secret, RateLimits.fromEnvironment(System.getenv()), host, false);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping the Tasklane stack…");
            stack.close();
            stopped.countDown();
        }, "stack-shutdown"));
        System.out.printf("""
                Tasklane local stack is up (data in %s)
                  sync server  http://%s:%d/api/v1   health: http://%s:%d/observe/health
                  PostgreSQL   %s   (user postgres, password postgres)
                  Kafka        %s   topic task-events
                  Redis        %s
                  audit        http://localhost:%d/observe/health   (consumer group tasklane-audit)
                  recurrence   http://localhost:%d/observe/health   (consumer group tasklane-recurrence)
                  reminders    http://localhost:%d/observe/health   (consumer group tasklane-reminders)
                Ctrl+C stops everything.
                """, directory, host, stack.server().port(), host, stack.server().port(), stack.postgres().jdbcUrl(),
                stack.kafka().bootstrapServers(), stack.redis().url(), stack.audit().port(), stack.recurrence().port(),
                stack.reminders().port());
        stopped.await();
    }
}
