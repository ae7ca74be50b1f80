package dev.tasklane.server;

import dev.tasklane.connections.DatabaseTls;
import dev.tasklane.connections.KafkaSecurity;
import dev.tasklane.connections.RedisSecurity;
import dev.tasklane.server.auth.JwtSecrets;
import dev.tasklane.server.ratelimit.RateLimits;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting of the sync server, read from environment variables (12-factor) with documented
 * defaults (docs/operations.md), grouped by what they configure. Kafka and Redis are optional parts:
 * absent, not empty strings.
 *
 * @param listener   where the public API listens
 * @param database   the PostgreSQL connection pool
 * @param tokens     how sessions are signed and how long they last
 * @param kafka      the outbox relay's broker; absent ({@code TASKLANE_KAFKA_BOOTSTRAP} unset, the default) leaves the
 *                   relay off, events then wait in PostgreSQL
 * @param redis      where stream wake-ups and rate limits are shared between replicas; absent ({@code TASKLANE_REDIS_URL}
 *                   unset, the default) keeps them inside this replica (fine for one replica)
 * @param rateLimits see {@link RateLimits}
 * @param limits     timeouts, connection and stream caps; see {@link ServerLimits}
 * @param internal   the internal side: consumer services it calls and the listener they call; see {@link Internal}
 */
public record ServerConfig(Listener listener, Database database, Tokens tokens, Optional<Kafka> kafka, Optional<Redis> redis,
                           RateLimits rateLimits, ServerLimits limits, Internal internal) {

    /**
     * @param host {@code TASKLANE_HOST}, the address to listen on, default {@code 0.0.0.0} (all interfaces, as a container
     *             needs); the local stack uses {@code 127.0.0.1}
     * @param port {@code TASKLANE_PORT}, default 8080 (0 picks a free port)
     */
    public record Listener(String host, int port) {
        /** All interfaces, on {@code port}. */
        public static Listener anyInterface(int port) {
            return new Listener("0.0.0.0", port);
        }
    }

    /**
     * @param url      {@code TASKLANE_DB_URL}, default {@code jdbc:postgresql://localhost:5432/tasklane}, with the TLS settings
     *                 of {@link DatabaseTls} applied
     * @param user     {@code TASKLANE_DB_USER}, default {@code tasklane}
     * @param password {@code TASKLANE_DB_PASSWORD}, default empty
     * @param pool     {@code TASKLANE_DB_POOL}, default 10
     */
    public record Database(String url, String user, String password, int pool) {
        @Override
        public String toString() {
            // Never print the password.
            return "Database[url=" + url + ", user=" + user + ", pool=" + pool + "]";
        }
    }

    /**
     * @param secret     {@code TASKLANE_JWT_SECRET}, required, at least 32 bytes
     * @param accessTtl  {@code TASKLANE_ACCESS_TOKEN_TTL} (ISO-8601 duration), default PT15M
     * @param refreshTtl {@code TASKLANE_REFRESH_TOKEN_TTL}, default P30D
     */
    public record Tokens(byte[] secret, Duration accessTtl, Duration refreshTtl) {
        public Tokens {
            secret = secret.clone();
        }

        @Override
        public byte[] secret() {
            return secret.clone();
        }

        @Override
        public String toString() {
            // Never print the secret.
            return "Tokens[accessTtl=" + accessTtl + ", refreshTtl=" + refreshTtl + "]";
        }
    }

    /**
     * @param bootstrap {@code TASKLANE_KAFKA_BOOTSTRAP}, e.g. {@code localhost:9092}
     * @param topic     {@code TASKLANE_KAFKA_TOPIC}, default {@code task-events}
     * @param security  SASL/TLS of the Kafka clients, see {@link KafkaSecurity}
     */
    public record Kafka(String bootstrap, String topic, KafkaSecurity security) {
        /** A broker without authentication (the local stack and tests). */
        public static Kafka plaintext(String bootstrap, String topic) {
            return new Kafka(bootstrap, topic, KafkaSecurity.PLAINTEXT);
        }
    }

    /**
     * @param url      {@code TASKLANE_REDIS_URL}, e.g. {@code redis://localhost:6379} or {@code rediss://…} for TLS
     * @param security password and CA for Redis/Valkey, see {@link RedisSecurity}
     */
    public record Redis(String url, RedisSecurity security) {
        /** A Redis without credentials (the local stack and tests). */
        public static Redis plain(String url) {
            return new Redis(url, RedisSecurity.NONE);
        }
    }

    /**
     * A server on all interfaces with default limits and no internal side (tests and the local stack).
     *
     * @param port 0 picks a free port
     */
    public static ServerConfig of(int port, Database database, byte[] jwtSecret, Optional<Kafka> kafka, Optional<Redis> redis,
                                  RateLimits rateLimits) {
        return new ServerConfig(Listener.anyInterface(port), database,
                new Tokens(jwtSecret, Duration.ofMinutes(15), Duration.ofDays(30)), kafka, redis, rateLimits,
                ServerLimits.DEFAULT, Internal.NONE);
    }

    /** The same configuration with other limits. */
    public ServerConfig withLimits(ServerLimits newLimits) {
        return new ServerConfig(listener, database, tokens, kafka, redis, rateLimits, newLimits, internal);
    }

    /** The same configuration listening on another address. */
    public ServerConfig withHost(String newHost) {
        return new ServerConfig(new Listener(newHost, listener.port()), database, tokens, kafka, redis, rateLimits, limits, internal);
    }

    /** The same configuration with other session lifetimes. */
    public ServerConfig withTokenLifetimes(Duration accessTtl, Duration refreshTtl) {
        return new ServerConfig(listener, database, new Tokens(tokens.secret(), accessTtl, refreshTtl), kafka, redis, rateLimits,
                limits, internal);
    }

    /** The same configuration with another internal side. */
    public ServerConfig withInternal(Internal newInternal) {
        return new ServerConfig(listener, database, tokens, kafka, redis, rateLimits, limits, newInternal);
    }

    /**
     * The server's internal side, never routed from outside the cluster.
     *
     * @param auditUrl     {@code TASKLANE_AUDIT_URL}, the audit service's internal base URL (e.g. {@code http://audit:8093});
     *                     empty (default) makes {@code /api/v1/tasks/{id}/history} answer 503
     * @param port         {@code TASKLANE_INTERNAL_PORT}, default 8081: a separate listener for the consumer services
     *                     (the public port never serves {@code /internal}); 0 picks a free port
     * @param serviceToken {@code TASKLANE_SERVICE_TOKEN} (from a Secret, at least 32 bytes): the bearer token the
     *                     services present on the internal listener; empty (default) leaves that listener off
     */
    public record Internal(Optional<URI> auditUrl, int port, Optional<String> serviceToken) {
        public static final Internal NONE = new Internal(Optional.empty(), 8081, Optional.empty());

        public Internal {
            if (serviceToken.isPresent() && serviceToken.get().getBytes(StandardCharsets.UTF_8).length < 32) {
                throw new IllegalArgumentException("TASKLANE_SERVICE_TOKEN must be at least 32 bytes");
            }
        }

        static Internal fromEnvironment(Map<String, String> env) {
            return new Internal(
                    Optional.of(env.getOrDefault("TASKLANE_AUDIT_URL", "")).filter(url -> !url.isBlank()).map(URI::create),
                    Integer.parseInt(env.getOrDefault("TASKLANE_INTERNAL_PORT", "8081")),
                    Optional.of(env.getOrDefault("TASKLANE_SERVICE_TOKEN", "")).filter(token -> !token.isBlank()));
        }

        @Override
        public String toString() {
            // Never print the token.
            return "Internal[auditUrl=" + auditUrl.map(URI::toString).orElse("") + ", port=" + port
                    + ", serviceToken=" + (serviceToken.isPresent() ? "set" : "unset") + "]";
        }
    }

    /**
     * Reads the environment.
     *
     * @throws IllegalArgumentException when the JWT secret is missing, short, or published in the repository
     */
    public static ServerConfig fromEnvironment(Map<String, String> env) {
        String secret = env.getOrDefault("TASKLANE_JWT_SECRET", "");
        JwtSecrets.requireUsable(secret.getBytes(StandardCharsets.UTF_8));
        return new ServerConfig(
                new Listener(env.getOrDefault("TASKLANE_HOST", "0.0.0.0"), Integer.parseInt(env.getOrDefault("TASKLANE_PORT", "8080"))),
                new Database(
                        DatabaseTls.fromEnvironment(env).applyTo(env.getOrDefault("TASKLANE_DB_URL", "jdbc:postgresql://localhost:5432/tasklane")),
                        env.getOrDefault("TASKLANE_DB_USER", "tasklane"),
                        env.getOrDefault("TASKLANE_DB_PASSWORD", ""),
                        Integer.parseInt(env.getOrDefault("TASKLANE_DB_POOL", "10"))),
                new Tokens(secret.getBytes(StandardCharsets.UTF_8),
                        Duration.parse(env.getOrDefault("TASKLANE_ACCESS_TOKEN_TTL", "PT15M")),
                        Duration.parse(env.getOrDefault("TASKLANE_REFRESH_TOKEN_TTL", "P30D"))),
                present(env, "TASKLANE_KAFKA_BOOTSTRAP").map(bootstrap -> new Kafka(bootstrap,
                        env.getOrDefault("TASKLANE_KAFKA_TOPIC", "task-events"), KafkaSecurity.fromEnvironment(env))),
                present(env, "TASKLANE_REDIS_URL").map(url -> new Redis(url, RedisSecurity.fromEnvironment(env))),
                RateLimits.fromEnvironment(env),
                ServerLimits.fromEnvironment(env),
                Internal.fromEnvironment(env));
    }

    private static Optional<String> present(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(value -> !value.isEmpty());
    }

    @Override
    public String toString() {
        // The parts leave out the password, the secret and the credentials.
        return "ServerConfig[" + listener + ", " + database + ", " + tokens + ", kafka=" + kafka.map(Kafka::toString).orElse("off")
                + ", redis=" + redis.map(Redis::toString).orElse("off") + ", " + rateLimits + ", " + limits + ", " + internal + "]";
    }
}
