package dev.tasklane.stack;

import dev.tasklane.server.ServerConfig;
import dev.tasklane.server.SyncServer;
import dev.tasklane.server.ratelimit.RateLimits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The whole cloud side on one machine: PostgreSQL, Kafka (KRaft) and the sync server, on fixed
 * ports, data kept in {@code TASKLANE_STACK_DIR} (default {@code ~/.tasklane-stack}). Ctrl+C
 * stops everything cleanly. End-to-end tests start the same pieces through {@link #start}.
 */
public final class LocalStack implements AutoCloseable {

    /** The default listen address: this machine only. Set {@code TASKLANE_HOST=0.0.0.0} to serve the network. */
    public static final String LOOPBACK = "127.0.0.1";

    /** Fixed, documented ports of the local stack. */
    public record Ports(int server, int postgres, int kafka, int kafkaController, int redis) {
        public static final Ports DEFAULT = new Ports(8080, 55432, 59092, 59093, 56379);
    }

    private final EmbeddedPostgresServer postgres;
    private final EmbeddedKafka kafka;
    private final EmbeddedRedis redis;
    private final String jwtSecret;
    private final RateLimits rateLimits;
    private final String host;
    private final SyncServer server;

    private LocalStack(EmbeddedPostgresServer postgres, EmbeddedKafka kafka, EmbeddedRedis redis, String jwtSecret,
                       RateLimits rateLimits, String host) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.redis = redis;
        this.jwtSecret = jwtSecret;
        this.rateLimits = rateLimits;
        this.host = host;
        this.server = null;
    }

    private LocalStack(LocalStack infrastructure, SyncServer server) {
        this.postgres = infrastructure.postgres;
        this.kafka = infrastructure.kafka;
        this.redis = infrastructure.redis;
        this.jwtSecret = infrastructure.jwtSecret;
        this.rateLimits = infrastructure.rateLimits;
        this.host = infrastructure.host;
        this.server = server;
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
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(directory.resolve("postgres"), ports.postgres());
        EmbeddedKafka kafka = new EmbeddedKafka(directory.resolve("kafka"), ports.kafka(), ports.kafkaController()).start();
        EmbeddedRedis redis = EmbeddedRedis.start(ports.redis());
        LocalStack infrastructure = new LocalStack(postgres, kafka, redis, jwtSecret, rateLimits, host);
        return new LocalStack(infrastructure, infrastructure.startReplica(ports.server()));
    }

    /** Another sync-server replica on the same PostgreSQL, Kafka and Redis (0 = a free port). */
    public SyncServer startReplica(int port) {
        return SyncServer.start(replicaConfig(port));
    }

    /** The configuration a replica of this stack runs with. */
    ServerConfig replicaConfig(int port) {
        return new ServerConfig(port, postgres.jdbcUrl(), "postgres", "postgres", 10,
                jwtSecret.getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(15), Duration.ofDays(30),
                kafka.bootstrapServers(), "task-events", redis.url(), rateLimits).withHost(host);
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
        if (server != null) {
            server.close();
        }
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
        LocalStack stack = start(directory, Ports.DEFAULT, secret, RateLimits.fromEnvironment(System.getenv()), host);
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
                Ctrl+C stops everything.
                """, directory, host, stack.server().port(), host, stack.server().port(), stack.postgres().jdbcUrl(),
                stack.kafka().bootstrapServers(), stack.redis().url());
        stopped.await();
    }
}
