package dev.tasklane.server;

import java.time.Duration;
import java.util.Map;

/**
 * Bounds on what one client can hold on the server; see docs/security.md.
 *
 * @param idleTimeout    {@code TASKLANE_IDLE_TIMEOUT}, default PT60S: a connection with no request
 *                       for this long is closed, and so is one still sending its request line
 *                       (a slowloris)
 * @param headerTimeout  {@code TASKLANE_HEADER_TIMEOUT}, default PT10S: after the request line, the
 *                       headers must be in within this, or the connection is closed
 * @param bodyTimeout    {@code TASKLANE_BODY_TIMEOUT}, default PT30S: after the headers, the body must
 *                       be in and the response started within this, or the connection is closed
 * @param maxConnections {@code TASKLANE_MAX_CONNECTIONS}, default 10000 TCP connections per replica
 * @param streamsPerUser {@code TASKLANE_STREAMS_PER_USER}, default 10 open event streams per user
 *                       on a replica; opening one more closes that user's oldest
 */
public record ServerLimits(Duration idleTimeout, Duration headerTimeout, Duration bodyTimeout, int maxConnections,
                           int streamsPerUser) {

    public static final ServerLimits DEFAULT = new ServerLimits(Duration.ofSeconds(60), Duration.ofSeconds(10),
            Duration.ofSeconds(30), 10_000, 10);

    public ServerLimits {
        if (idleTimeout.isNegative() || idleTimeout.isZero() || headerTimeout.isNegative() || headerTimeout.isZero()
                || bodyTimeout.isNegative() || bodyTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts are positive durations");
        }
        if (maxConnections < 1 || streamsPerUser < 1) {
            throw new IllegalArgumentException("connection and stream limits are at least 1");
        }
    }

    public static ServerLimits fromEnvironment(Map<String, String> env) {
        return new ServerLimits(
                Duration.parse(env.getOrDefault("TASKLANE_IDLE_TIMEOUT", DEFAULT.idleTimeout().toString())),
                Duration.parse(env.getOrDefault("TASKLANE_HEADER_TIMEOUT", DEFAULT.headerTimeout().toString())),
                Duration.parse(env.getOrDefault("TASKLANE_BODY_TIMEOUT", DEFAULT.bodyTimeout().toString())),
                Integer.parseInt(env.getOrDefault("TASKLANE_MAX_CONNECTIONS", Integer.toString(DEFAULT.maxConnections()))),
                Integer.parseInt(env.getOrDefault("TASKLANE_STREAMS_PER_USER", Integer.toString(DEFAULT.streamsPerUser()))));
    }
}
