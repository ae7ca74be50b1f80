package dev.tasklane.consumers.reminders;

import dev.tasklane.connections.RedisSecurity;
import dev.tasklane.consumers.kit.ConsumerSettings;
import dev.tasklane.consumers.reminders.firing.FiringLoop;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.redisson.config.Config;

/**
 * The reminders service's settings: the consumer settings every service has (see
 * {@link ConsumerSettings}; port default {@value #DEFAULT_PORT}), Redis, and the firing timing.
 *
 * @param redisUrl {@code TASKLANE_REDIS_URL}, default {@code redis://localhost:6379} ({@code rediss://} for TLS)
 * @param redisSecurity {@code TASKLANE_REDIS_PASSWORD} and {@code TASKLANE_REDIS_CA_FILE}, as the server reads them
 *                 (see {@link RedisSecurity}; the managed Valkey is TLS only, with a password)
 * @param zone     {@code TASKLANE_REMINDER_ZONE}, default {@code UTC}: the zone of all-day dues' 09:00 reminder
 *                 (the server does not know a user's zone yet; devices use their own)
 * @param timing   {@code TASKLANE_REMINDER_TICK} (PT0.1S), {@code TASKLANE_REMINDER_LEASE} (PT30S),
 *                 {@code TASKLANE_REMINDER_LATE_AFTER} (PT1M), {@code TASKLANE_REMINDER_LATE_CUTOFF} (PT6H)
 */
public record ReminderSettings(ConsumerSettings consumer, String redisUrl, RedisSecurity redisSecurity, ZoneId zone,
                               FiringLoop.Timing timing) {

    public static final int DEFAULT_PORT = 8091;

    public static ReminderSettings fromEnvironment(Map<String, String> env) {
        return new ReminderSettings(ConsumerSettings.fromEnvironment("reminders", DEFAULT_PORT, env),
                env.getOrDefault("TASKLANE_REDIS_URL", "redis://localhost:6379"),
                RedisSecurity.fromEnvironment(env),
                ZoneId.of(env.getOrDefault("TASKLANE_REMINDER_ZONE", "UTC")),
                new FiringLoop.Timing(
                        Duration.parse(env.getOrDefault("TASKLANE_REMINDER_TICK", "PT0.1S")),
                        Duration.parse(env.getOrDefault("TASKLANE_REMINDER_LEASE", "PT30S")),
                        Duration.parse(env.getOrDefault("TASKLANE_REMINDER_LATE_AFTER", "PT1M")),
                        Duration.parse(env.getOrDefault("TASKLANE_REMINDER_LATE_CUTOFF", "PT6H"))));
    }

    /** The Redisson configuration of the schedule's client: address, password and trusted CA. */
    public Config redissonConfig() {
        Config config = new Config();
        var server = config.useSingleServer().setAddress(redisUrl)
                // Fail a call within seconds when Redis is away: the consumer then pauses instead of hanging.
                .setTimeout(3_000).setRetryAttempts(2);
        redisSecurity.applyTo(server);
        return config;
    }

    @Override
    public String toString() {
        // RedisSecurity prints no password.
        return "ReminderSettings[" + consumer + ", redisUrl=" + redisUrl + ", " + redisSecurity + ", zone=" + zone + ", timing=" + timing + "]";
    }
}
