package dev.tasklane.consumers.recurrence;

import dev.tasklane.consumers.kit.ConsumerSettings;
import java.net.URI;
import java.time.ZoneId;
import java.util.Map;

/**
 * The recurrence service's settings: the consumer settings every service has (see
 * {@link ConsumerSettings}; port default {@value #DEFAULT_PORT}) and how it reaches the sync server.
 *
 * @param syncInternalUrl {@code TASKLANE_SYNC_INTERNAL_URL}, the sync server's internal listener, default {@code http://localhost:8081}
 * @param serviceToken    {@code TASKLANE_SERVICE_TOKEN}, required: the bearer token that listener expects (a shared Secret)
 * @param zone            {@code TASKLANE_RECURRENCE_ZONE}, default {@code UTC}: decides the completion day of all-day
 *                        "after completion" series (the server does not know a user's zone yet; devices use their own)
 */
public record RecurrenceSettings(ConsumerSettings consumer, URI syncInternalUrl, String serviceToken, ZoneId zone) {

    public static final int DEFAULT_PORT = 8092;

    public static RecurrenceSettings fromEnvironment(Map<String, String> env) {
        String token = env.getOrDefault("TASKLANE_SERVICE_TOKEN", "");
        if (token.isBlank()) {
            throw new IllegalArgumentException("set TASKLANE_SERVICE_TOKEN to the sync server's service token");
        }
        return new RecurrenceSettings(ConsumerSettings.fromEnvironment("recurrence", DEFAULT_PORT, env),
                URI.create(env.getOrDefault("TASKLANE_SYNC_INTERNAL_URL", "http://localhost:8081")),
                token, ZoneId.of(env.getOrDefault("TASKLANE_RECURRENCE_ZONE", "UTC")));
    }

    @Override
    public String toString() {
        // Never print the token.
        return "RecurrenceSettings[" + consumer + ", syncInternalUrl=" + syncInternalUrl + ", zone=" + zone + "]";
    }
}
