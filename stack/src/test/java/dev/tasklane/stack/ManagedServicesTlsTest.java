package dev.tasklane.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasklane.consumers.audit.AuditService;
import dev.tasklane.consumers.audit.AuditSettings;
import dev.tasklane.consumers.recurrence.RecurrenceService;
import dev.tasklane.consumers.recurrence.RecurrenceSettings;
import dev.tasklane.consumers.reminders.ReminderSettings;
import dev.tasklane.consumers.reminders.RemindersService;
import dev.tasklane.server.ServerConfig;
import dev.tasklane.server.SyncServer;
import dev.tasklane.server.db.ServerDatabase;
import dev.tasklane.connections.KafkaSecurity;
import dev.tasklane.server.events.OutboxRelay;
import dev.tasklane.connections.RedisSecurity;
import dev.tasklane.server.sse.RedisWakeUpBus;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sync server against PostgreSQL, Kafka and Redis configured the way DigitalOcean's managed
 * services are: PostgreSQL with TLS checked by {@code sslmode=verify-full} against the cluster
 * CA, Kafka on a SASL_SSL listener (SCRAM-SHA-256, PEM CA), Redis TLS only with a password
 * ({@code rediss://}). Every setting goes through {@link ServerConfig#fromEnvironment}, i.e. the
 * variables the Helm chart sets. A generated CA signs all three; an unrelated CA, a wrong password
 * and a wrong host name must each be refused, so the checks are real.
 */
class ManagedServicesTlsTest {

    private static final String KAFKA_USER = "tasklane-server";
    private static final String KAFKA_PASSWORD = "scram-" + UUID.randomUUID();
    private static final String REDIS_PASSWORD = "valkey-" + UUID.randomUUID();

    private static Path directory;
    private static TestCertificateAuthority ca;
    private static EmbeddedPostgresServer postgres;
    private static EmbeddedKafka kafka;
    private static EmbeddedRedis redis;

    @BeforeAll
    static void startManagedLookalikes() throws IOException {
        directory = Files.createTempDirectory("tasklane-tls");
        ca = TestCertificateAuthority.create(directory.resolve("ca"));
        postgres = EmbeddedPostgresServer.startWithTls(directory.resolve("pg"), ca.serverCertificate(), ca.serverKey());
        kafka = new EmbeddedKafka(directory.resolve("kafka"), freePort(), freePort(), Optional.of(
                new EmbeddedKafka.SaslSslListener(freePort(), ca.serverKeyStore(), ca.storePassword(), KAFKA_USER, KAFKA_PASSWORD)))
                .start();
        redis = EmbeddedRedis.startTls(freePort(), ca.serverCertificate(), ca.serverKey(), ca.caPem(), REDIS_PASSWORD);
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable component : new AutoCloseable[] {redis, kafka, postgres}) {
            try {
                if (component != null) {
                    component.close();
                }
            } catch (Exception e) {
                // Best effort: the next component still stops.
            }
        }
    }

    /** What the chart's Deployment sets for the server (templates/_helpers.tpl). */
    private static Map<String, String> managedEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("TASKLANE_PORT", "0");
        // A fresh secret: the server refuses secrets that appear in the repository.
        env.put("TASKLANE_JWT_SECRET", dev.tasklane.server.auth.JwtSecrets.generate());
        env.put("TASKLANE_DB_URL", "jdbc:postgresql://localhost:" + postgres.port() + "/postgres");
        env.put("TASKLANE_DB_USER", "postgres");
        env.put("TASKLANE_DB_PASSWORD", "postgres");
        env.put("TASKLANE_DB_SSLMODE", "verify-full");
        env.put("TASKLANE_DB_SSL_ROOT_CERT", ca.caPem().toString());
        env.put("TASKLANE_KAFKA_BOOTSTRAP", kafka.saslSslBootstrapServers());
        env.put("TASKLANE_KAFKA_TOPIC", "task-events-tls");
        env.put("TASKLANE_KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
        env.put("TASKLANE_KAFKA_SASL_MECHANISM", "SCRAM-SHA-256");
        env.put("TASKLANE_KAFKA_USERNAME", KAFKA_USER);
        env.put("TASKLANE_KAFKA_PASSWORD", KAFKA_PASSWORD);
        env.put("TASKLANE_KAFKA_CA_FILE", ca.caPem().toString());
        env.put("TASKLANE_REDIS_URL", redis.tlsUrl());
        env.put("TASKLANE_REDIS_PASSWORD", REDIS_PASSWORD);
        env.put("TASKLANE_REDIS_CA_FILE", ca.caPem().toString());
        return env;
    }

    @Test
    void serverRunsOnTlsPostgresSaslSslKafkaAndTlsRedisAndPublishesEvents() throws Exception {
        ServerConfig config = ServerConfig.fromEnvironment(managedEnvironment());
        assertThat(config.toString()).doesNotContain(KAFKA_PASSWORD, REDIS_PASSWORD);

        try (SyncServer server = SyncServer.start(config);
             KafkaConsumer<String, byte[]> consumer = consumer(config.kafka().orElseThrow().security())) {
            consumer.subscribe(List.of("task-events-tls"));
            // Register + login go through the Redis-backed rate limiter, over TLS.
            String email = UUID.randomUUID() + "@example.test";
            assertThat(Http.call(server.port(), "POST", "/api/v1/auth/register", null,
                    "{\"email\":\"" + email + "\",\"password\":\"long enough pw\"}").status()).isEqualTo(201);
            String token = Http.call(server.port(), "POST", "/api/v1/auth/login", null,
                    "{\"email\":\"" + email + "\",\"password\":\"long enough pw\",\"deviceName\":\"tls\"}").body().path("accessToken").asText();
            Http.Reply created = Http.call(server.port(), "POST", "/api/v1/tasks", token, "{\"title\":\"over TLS\"}");
            assertThat(created.status()).isEqualTo(201);
            String taskId = created.body().path("id").asText();

            // The outbox relay published the event over SASL_SSL; read it back the same way.
            Instant deadline = Instant.now().plusSeconds(30);
            String event = null;
            while (event == null && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(300))) {
                    if (record.key().equals(taskId)) {
                        event = new String(record.value(), StandardCharsets.UTF_8);
                    }
                }
            }
            assertThat(event).as("task.created on task-events-tls").isNotNull().contains("task.created", "over TLS");
        }
    }

    /**
     * The three consumer services read the same variables as the server (the shared
     * {@code connections} module) and do their work over the same TLS/SASL paths: audit appends to
     * PostgreSQL (verify-full), reminders keeps its schedule in TLS Redis and emits over SASL_SSL,
     * recurrence consumes over SASL_SSL and calls the server's internal listener.
     */
    @Test
    void consumersRunOnTlsPostgresSaslSslKafkaAndTlsRedis() throws Exception {
        Map<String, String> consumerEnv = managedEnvironment();
        consumerEnv.put("TASKLANE_HOST", "127.0.0.1");
        AuditSettings auditSettings = AuditSettings.fromEnvironment(consumerEnv);
        assertThat(auditSettings.databaseUrl()).contains("sslmode=verify-full", "sslrootcert=");
        assertThat(auditSettings.consumer().kafka().orElseThrow().clientProperties())
                .containsEntry("security.protocol", "SASL_SSL").containsEntry("ssl.truststore.type", "PEM");
        String serviceToken = "tls-test-service-token-" + UUID.randomUUID();

        try (AuditService audit = AuditService.start(auditSettings)) {
            Map<String, String> serverEnv = managedEnvironment();
            serverEnv.put("TASKLANE_AUDIT_URL", "http://127.0.0.1:" + audit.port());
            serverEnv.put("TASKLANE_SERVICE_TOKEN", serviceToken);
            serverEnv.put("TASKLANE_INTERNAL_PORT", "0");
            try (SyncServer server = SyncServer.start(ServerConfig.fromEnvironment(serverEnv))) {
                consumerEnv.put("TASKLANE_SERVICE_TOKEN", serviceToken);
                consumerEnv.put("TASKLANE_SYNC_INTERNAL_URL", "http://127.0.0.1:" + server.internalPort().orElseThrow());
                ReminderSettings reminderSettings = ReminderSettings.fromEnvironment(consumerEnv);
                assertThat(reminderSettings.toString()).doesNotContain(REDIS_PASSWORD, KAFKA_PASSWORD);
                try (RecurrenceService recurrence = RecurrenceService.start(RecurrenceSettings.fromEnvironment(consumerEnv));
                     RemindersService reminders = RemindersService.start(reminderSettings);
                     KafkaConsumer<String, byte[]> events = consumer(KafkaSecurity.fromEnvironment(consumerEnv))) {
                    events.subscribe(List.of("task-events-tls"));
                    String email = UUID.randomUUID() + "@example.test";
                    Http.call(server.port(), "POST", "/api/v1/auth/register", null,
                            "{\"email\":\"" + email + "\",\"password\":\"long enough pw\"}");
                    String token = Http.call(server.port(), "POST", "/api/v1/auth/login", null,
                            "{\"email\":\"" + email + "\",\"password\":\"long enough pw\",\"deviceName\":\"tls\"}")
                            .body().path("accessToken").asText();
                    Instant fireAt = Instant.now().plusSeconds(3).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
                    String reminded = Http.call(server.port(), "POST", "/api/v1/tasks", token,
                            "{\"title\":\"remind over TLS\",\"reminder\":\"at:" + fireAt + "\"}").body().path("id").asText();
                    String repeating = Http.call(server.port(), "POST", "/api/v1/tasks", token,
                            "{\"title\":\"repeat over TLS\",\"due\":\"" + java.time.LocalDate.now(java.time.ZoneOffset.UTC)
                                    + "\",\"recurrence\":\"FREQ=DAILY\"}").body().path("id").asText();
                    assertThat(Http.call(server.port(), "POST", "/api/v1/tasks/" + repeating + "/complete", token, null).status())
                            .isEqualTo(200);

                    // Reminders: scheduled in TLS Redis, emitted over SASL_SSL.
                    Instant deadline = Instant.now().plusSeconds(40);
                    boolean reminderEmitted = false;
                    while (!reminderEmitted && Instant.now().isBefore(deadline)) {
                        for (ConsumerRecord<String, byte[]> record : events.poll(Duration.ofMillis(300))) {
                            reminderEmitted |= record.key().equals(reminded)
                                    && new String(record.value(), StandardCharsets.UTF_8).contains("task.reminder.due");
                        }
                    }
                    assertThat(reminderEmitted).as("task.reminder.due emitted over SASL_SSL").isTrue();
                    // Recurrence: the next occurrence exists (consumed over SASL_SSL, created through the internal listener).
                    int open = 0;
                    int history = 0;
                    while ((open == 0 || history < 2) && Instant.now().isBefore(deadline)) {
                        open = Http.call(server.port(), "GET", "/api/v1/tasks?completed=false", token, null).body().path("total").asInt();
                        Http.Reply entries = Http.call(server.port(), "GET", "/api/v1/tasks/" + repeating + "/history", token, null);
                        history = entries.status() == 200 ? entries.body().path("items").size() : 0;
                        Thread.sleep(200);
                    }
                    // The reminded task plus the next occurrence.
                    assertThat(open).as("open tasks").isEqualTo(2);
                    // Audit: created and completed, appended over verify-full TLS.
                    assertThat(history).as("history entries").isGreaterThanOrEqualTo(2);
                    assertThat(recurrence.port()).isPositive();
                    assertThat(reminders.port()).isPositive();
                }
            }
        }
    }

    @Test
    void serverConnectionsToPostgresAreEncryptedAndVerified() throws Exception {
        ServerConfig config = ServerConfig.fromEnvironment(managedEnvironment());
        assertThat(config.database().url()).contains("sslmode=verify-full", "sslrootcert=");

        try (ServerDatabase database = ServerDatabase.connect(config.database().url(), "postgres", "postgres", 2);
             Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getBoolean("ssl")).isTrue();
            assertThat(row.getString("version")).startsWith("TLSv1.");
        }
    }

    @Test
    void postgresSignedByAnotherCaIsRefused() {
        Map<String, String> env = managedEnvironment();
        env.put("TASKLANE_DB_SSL_ROOT_CERT", ca.otherCaPem().toString());
        ServerConfig config = ServerConfig.fromEnvironment(env);

        assertThatThrownBy(() -> ServerDatabase.connect(config.database().url(), "postgres", "postgres", 2).close())
                .hasStackTraceContaining("SSL");
    }

    @Test
    void postgresReachedUnderANameNotInItsCertificateIsRefused() throws Exception {
        Map<String, String> env = managedEnvironment();
        // Same server, but addressed by a name the certificate does not list: verify-full says no.
        env.put("TASKLANE_DB_URL", "jdbc:postgresql://" + java.net.InetAddress.getLocalHost().getHostName() + ":" + postgres.port() + "/postgres");
        ServerConfig config = ServerConfig.fromEnvironment(env);

        assertThatThrownBy(() -> ServerDatabase.connect(config.database().url(), "postgres", "postgres", 2).close())
                .hasStackTraceContaining("hostname");
    }

    @Test
    void verifyFullWithoutACaIsAConfigurationError() {
        Map<String, String> env = managedEnvironment();
        env.remove("TASKLANE_DB_SSL_ROOT_CERT");

        assertThatThrownBy(() -> ServerConfig.fromEnvironment(env))
                .hasMessageContaining("TASKLANE_DB_SSL_ROOT_CERT");
    }

    @Test
    void kafkaRefusesAWrongPasswordAndAnUnknownCa() {
        Map<String, String> wrongPassword = managedEnvironment();
        wrongPassword.put("TASKLANE_KAFKA_PASSWORD", "not-the-password");
        Map<String, String> otherCa = managedEnvironment();
        otherCa.put("TASKLANE_KAFKA_CA_FILE", ca.otherCaPem().toString());

        assertThat(sendFails(KafkaSecurity.fromEnvironment(wrongPassword))).hasStackTraceContaining("Authentication failed");
        assertThat(sendFails(KafkaSecurity.fromEnvironment(otherCa))).hasStackTraceContaining("SSL handshake failed");
    }

    @Test
    void kafkaSaslWithoutCredentialsIsAConfigurationError() {
        Map<String, String> env = managedEnvironment();
        env.remove("TASKLANE_KAFKA_PASSWORD");

        assertThatThrownBy(() -> KafkaSecurity.fromEnvironment(env)).hasMessageContaining("TASKLANE_KAFKA_PASSWORD");
    }

    @Test
    void redisRefusesAWrongPasswordAndAnUnknownCa() {
        assertThatThrownBy(() -> new RedisWakeUpBus(redis.tlsUrl(), new RedisSecurity("wrong", Optional.of(ca.caPem().toString()))).close())
                .hasStackTraceContaining("WRONGPASS");
        assertThatThrownBy(() -> new RedisWakeUpBus(redis.tlsUrl(), new RedisSecurity(REDIS_PASSWORD, Optional.of(ca.otherCaPem().toString()))).close())
                .hasStackTraceContaining("PKIX");
    }

    private static Throwable sendFails(KafkaSecurity security) {
        try (Producer<String, byte[]> producer = OutboxRelay.producer(kafka.saslSslBootstrapServers(), security)) {
            producer.send(new ProducerRecord<>("task-events-tls", "k", new byte[] {1})).get(20, TimeUnit.SECONDS);
            throw new AssertionError("the send succeeded with " + security);
        } catch (ExecutionException e) {
            return e;
        } catch (Exception e) {
            return e;
        }
    }

    private static KafkaConsumer<String, byte[]> consumer(KafkaSecurity security) {
        Properties props = new Properties();
        props.putAll(security.clientProperties());
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.saslSslBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "tls-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return new KafkaConsumer<>(props);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
