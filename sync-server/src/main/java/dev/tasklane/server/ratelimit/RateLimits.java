package dev.tasklane.server.ratelimit;

import java.time.Duration;
import java.util.Map;

/**
 * Request budgets per window: logins and registrations per client IP and per account, syncs per
 * user. From {@code TASKLANE_RATE_AUTH_PER_IP} (default 30), {@code TASKLANE_RATE_AUTH_PER_ACCOUNT}
 * (default 10), {@code TASKLANE_RATE_SYNC_PER_USER} (default 600) and {@code TASKLANE_RATE_WINDOW}
 * (ISO-8601, default PT1M).
 */
public record RateLimits(int authPerIp, int authPerAccount, int syncPerUser, Duration window) {

    public static final RateLimits DEFAULT = new RateLimits(30, 10, 600, Duration.ofMinutes(1));

    public static RateLimits fromEnvironment(Map<String, String> env) {
        return new RateLimits(
                Integer.parseInt(env.getOrDefault("TASKLANE_RATE_AUTH_PER_IP", Integer.toString(DEFAULT.authPerIp()))),
                Integer.parseInt(env.getOrDefault("TASKLANE_RATE_AUTH_PER_ACCOUNT", Integer.toString(DEFAULT.authPerAccount()))),
                Integer.parseInt(env.getOrDefault("TASKLANE_RATE_SYNC_PER_USER", Integer.toString(DEFAULT.syncPerUser()))),
                Duration.parse(env.getOrDefault("TASKLANE_RATE_WINDOW", DEFAULT.window().toString())));
    }
}
