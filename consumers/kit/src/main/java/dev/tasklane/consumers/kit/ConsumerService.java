package dev.tasklane.consumers.kit;

import dev.tasklane.consumers.kit.handling.EventHandler;
import dev.tasklane.consumers.kit.handling.EventProcessor;
import dev.tasklane.consumers.kit.http.DaprSubscriber;
import dev.tasklane.consumers.kit.kafka.ConsumerLoop;
import dev.tasklane.consumers.kit.kafka.DeadLetters;
import dev.tasklane.consumers.kit.kafka.KafkaHealth;
import dev.tasklane.consumers.kit.kafka.ReplayTrigger;
import dev.tasklane.consumers.kit.observe.ServiceMetrics;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * One running consumer service: its Kafka loop (when Kafka is configured), and a small web server
 * with {@code /observe/health} (live: the loop runs; ready: Kafka and the service's own stores
 * answer), {@code /metrics}, the Dapr subscriber routes and the service's own routes.
 * {@link #close()} shuts down gracefully: stop taking events, finish the one in hand, commit,
 * leave the group, then stop the web server.
 */
public final class ConsumerService implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ConsumerService.class.getName());

    /** A named readiness check of a store the service needs (PostgreSQL, Redis, the sync server). */
    public record Check(String name, BooleanSupplier up) {
    }

    private final ConsumerSettings settings;
    private final AtomicBoolean running;
    private final Optional<ConsumerLoop> loop;
    private final Optional<DeadLetters> deadLetters;
    private final Optional<KafkaHealth> kafkaHealth;
    private final WebServer webServer;

    private ConsumerService(ConsumerSettings settings, AtomicBoolean running, Optional<ConsumerLoop> loop,
                            Optional<DeadLetters> deadLetters, Optional<KafkaHealth> kafkaHealth, WebServer webServer) {
        this.settings = settings;
        this.running = running;
        this.loop = loop;
        this.deadLetters = deadLetters;
        this.kafkaHealth = kafkaHealth;
        this.webServer = webServer;
    }

    /**
     * Starts the web server and then the consumer loop.
     *
     * @param routes the service's own routes (e.g. audit's internal history endpoint)
     */
    public static ConsumerService start(ConsumerSettings settings, EventHandler handler, ServiceMetrics metrics,
                                        List<Check> checks, Consumer<HttpRouting.Builder> routes) {
        return start(settings, handler, metrics, checks, routes, ReplayTrigger.NEVER);
    }

    /**
     * As above, for a service whose state is derived from the events and can be lost.
     *
     * @param replay when it says so, the loop re-reads its partitions from the beginning
     */
    public static ConsumerService start(ConsumerSettings settings, EventHandler handler, ServiceMetrics metrics,
                                        List<Check> checks, Consumer<HttpRouting.Builder> routes, ReplayTrigger replay) {
        AtomicBoolean running = new AtomicBoolean(true);
        EventProcessor processor = new EventProcessor(handler, settings.retry(), metrics, running::get);
        Optional<DeadLetters> deadLetters = settings.kafka()
                .map(kafka -> new DeadLetters(kafka, settings.deadLetterTopic(), settings.service()));
        Optional<KafkaHealth> kafkaHealth = settings.kafka().map(KafkaHealth::new);
        Optional<ConsumerLoop> loop = settings.kafka().filter(kafka -> settings.transport() == ConsumerSettings.Transport.KAFKA)
                .map(kafka -> new ConsumerLoop(
                new ConsumerLoop.Settings(kafka, settings.topic(), settings.groupId(), clientId(settings.service()),
                        settings.batchSize()),
                processor, deadLetters.orElseThrow(), metrics, running, replay));
        DaprSubscriber dapr = new DaprSubscriber(settings.daprPubsub(), settings.topic(), settings.deadLetterTopic(), processor,
                deadLetters, metrics);

        var health = HealthObserver.builder().details(true)
                .addCheck(() -> status(loop.map(ConsumerLoop::alive).orElse(true)), HealthCheckType.LIVENESS, "consumer-loop");
        kafkaHealth.ifPresent(kafka -> health.addCheck(() -> status(kafka.reachable()), HealthCheckType.READINESS, "kafka"));
        for (Check check : checks) {
            health.addCheck(() -> status(check.up().getAsBoolean()), HealthCheckType.READINESS, check.name());
        }
        WebServer webServer = WebServer.builder()
                .host(settings.host())
                .port(settings.port())
                .addFeature(ObserveFeature.just(health.build()))
                .routing(routing -> {
                    routing(routing, metrics, dapr);
                    routes.accept(routing);
                })
                .build()
                .start();
        loop.ifPresent(ConsumerLoop::start);
        LOG.info("Tasklane " + settings.service() + " listening on port " + webServer.port() + " with " + settings);
        return new ConsumerService(settings, running, loop, deadLetters, kafkaHealth, webServer);
    }

    /** The routes every consumer service has: metrics and the Dapr subscriber. */
    public static void routing(HttpRouting.Builder routing, ServiceMetrics metrics, DaprSubscriber dapr) {
        routing.get("/metrics", (request, response) -> {
            response.header(HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4");
            response.send(metrics.scrape());
        });
        routing.register(dapr);
    }

    private static HealthCheckResponse status(boolean up) {
        return HealthCheckResponse.builder().status(up).build();
    }

    private static String clientId(String service) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return "tasklane-" + service + "-" + host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public int port() {
        return webServer.port();
    }

    public ConsumerSettings settings() {
        return settings;
    }

    /** True once Kafka assigned partitions to this replica (always true in Dapr-only mode). */
    public boolean consuming() {
        return loop.map(ConsumerLoop::assigned).orElse(true);
    }

    @Override
    public void close() {
        running.set(false);
        loop.ifPresent(ConsumerLoop::close);
        deadLetters.ifPresent(DeadLetters::close);
        kafkaHealth.ifPresent(KafkaHealth::close);
        webServer.stop();
    }
}
