package dev.tasklane.server;

import dev.tasklane.server.auth.JwtSecrets;
import dev.tasklane.connections.DatabaseTls;
import dev.tasklane.connections.KafkaSecurity;
import dev.tasklane.server.ratelimit.RateLimits;
import dev.tasklane.connections.RedisSecurity;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.time.Duration;
import java.util.Map;

/**
 * Every setting of the sync server, read from environment variables (12-factor) with documented
 * defaults; see docs/operations.md.
 *
 * @param port            {@code TASKLANE_PORT}, default 8080 (0 picks a free port)
 * @param databaseUrl     {@code TASKLANE_DB_URL}, default {@code jdbc:postgresql://localhost:5432/tasklane}
 * @param databaseUser    {@code TASKLANE_DB_USER}, default {@code tasklane}
 * @param databasePassword {@code TASKLANE_DB_PASSWORD}, default empty
 * @param databasePool    {@code TASKLANE_DB_POOL}, default 10
 * @param jwtSecret       {@code TASKLANE_JWT_SECRET}, required, at least 32 bytes
 * @param accessTokenTtl  {@code TASKLANE_ACCESS_TOKEN_TTL} (ISO-8601 duration), default PT15M
 * @param refreshTokenTtl {@code TASKLANE_REFRESH_TOKEN_TTL}, default P30D
 * @param kafkaBootstrap  {@code TASKLANE_KAFKA_BOOTSTRAP}, e.g. {@code localhost:9092}; empty (default) leaves
 *                        the outbox relay off, events then wait in PostgreSQL
 * @param kafkaTopic      {@code TASKLANE_KAFKA_TOPIC}, default {@code task-events}
 * @param redisUrl        {@code TASKLANE_REDIS_URL}, e.g. {@code redis://localhost:6379}; empty (default) keeps
 *                        stream wake-ups inside this replica (fine for one replica); also where rate limits live
 * @param rateLimits      see {@link RateLimits}
 * @param host            {@code TASKLANE_HOST}, the address to listen on, default {@code 0.0.0.0} (all
 *                        interfaces, as a container needs); the local stack uses {@code 127.0.0.1}
 * @param limits          timeouts, connection and stream caps; see {@link ServerLimits}
 * @param kafkaSecurity   SASL/TLS of the Kafka clients, see {@link KafkaSecurity}
 * @param redisSecurity   password and CA for Redis/Valkey ({@code rediss://} URLs), see {@link RedisSecurity}
 * @param internal        the internal side: consumer services it calls and the listener they call; see {@link Internal}
 */
public record ServerConfig(int port, String databaseUrl, String databaseUser, String databasePassword, int databasePool,
                           byte[] jwtSecret, Duration accessTokenTtl, Duration refreshTokenTtl, String kafkaBootstrap,
                           String kafkaTopic, String redisUrl, RateLimits rateLimits, String host, ServerLimits limits,
                           KafkaSecurity kafkaSecurity, RedisSecurity redisSecurity, Internal internal) {

    /** All interfaces, default limits, no Kafka authentication or Redis credentials (the local stack and tests). */
    public ServerConfig(int port, String databaseUrl, String databaseUser, String databasePassword, int databasePool,
                        byte[] jwtSecret, Duration accessTokenTtl, Duration refreshTokenTtl, String kafkaBootstrap,
                        String kafkaTopic, String redisUrl, RateLimits rateLimits) {
        this(port, databaseUrl, databaseUser, databasePassword, databasePool, jwtSecret, accessTokenTtl, refreshTokenTtl,
                kafkaBootstrap, kafkaTopic, redisUrl, rateLimits, "0.0.0.0", ServerLimits.DEFAULT, KafkaSecurity.PLAINTEXT,
                RedisSecurity.NONE, Internal.NONE);
    }

    /** The same configuration with other limits. */
    public ServerConfig withLimits(ServerLimits newLimits) {
        return new ServerConfig(port, databaseUrl, databaseUser, databasePassword, databasePool, jwtSecret, accessTokenTtl,
                refreshTokenTtl, kafkaBootstrap, kafkaTopic, redisUrl, rateLimits, host, newLimits, kafkaSecurity, redisSecurity,
                internal);
    }

    /** The same configuration listening on another address. */
    public ServerConfig withHost(String newHost) {
        return new ServerConfig(port, databaseUrl, databaseUser, databasePassword, databasePool, jwtSecret, accessTokenTtl,
                refreshTokenTtl, kafkaBootstrap, kafkaTopic, redisUrl, rateLimits, newHost, limits, kafkaSecurity, redisSecurity,
                internal);
    }

    /** The same configuration with another internal side. */
    public ServerConfig withInternal(Internal newInternal) {
        return new ServerConfig(port, databaseUrl, databaseUser, databasePassword, databasePool, jwtSecret, accessTokenTtl,
                refreshTokenTtl, kafkaBootstrap, kafkaTopic, redisUrl, rateLimits, host, limits, kafkaSecurity, redisSecurity,
                newInternal);
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
                Integer.parseInt(env.getOrDefault("TASKLANE_PORT", "8080")),
                DatabaseTls.fromEnvironment(env).applyTo(env.getOrDefault("TASKLANE_DB_URL", "jdbc:postgresql://localhost:5432/tasklane")),
                env.getOrDefault("TASKLANE_DB_USER", "tasklane"),
                env.getOrDefault("TASKLANE_DB_PASSWORD", ""),
                Integer.parseInt(env.getOrDefault("TASKLANE_DB_POOL", "10")),
                secret.getBytes(StandardCharsets.UTF_8),
                Duration.parse(env.getOrDefault("TASKLANE_ACCESS_TOKEN_TTL", "PT15M")),
                Duration.parse(env.getOrDefault("TASKLANE_REFRESH_TOKEN_TTL", "P30D")),
                env.getOrDefault("TASKLANE_KAFKA_BOOTSTRAP", ""),
                env.getOrDefault("TASKLANE_KAFKA_TOPIC", "task-events"),
                env.getOrDefault("TASKLANE_REDIS_URL", ""),
                RateLimits.fromEnvironment(env),
                env.getOrDefault("TASKLANE_HOST", "0.0.0.0"),
                ServerLimits.fromEnvironment(env),
                KafkaSecurity.fromEnvironment(env),
                RedisSecurity.fromEnvironment(env),
                Internal.fromEnvironment(env));
    }

    @Override
    public String toString() {
        // Never print the secret or the password.
        return "ServerConfig[host=" + host + ", port=" + port + ", databaseUrl=" + databaseUrl + ", databaseUser=" + databaseUser
                + ", databasePool=" + databasePool + ", accessTokenTtl=" + accessTokenTtl + ", refreshTokenTtl=" + refreshTokenTtl
                + ", kafkaBootstrap=" + kafkaBootstrap + ", kafkaTopic=" + kafkaTopic + ", " + kafkaSecurity + ", redisUrl=" + redisUrl
                + ", " + redisSecurity + ", " + limits + ", " + internal + "]";
    }
}
