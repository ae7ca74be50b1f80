package dev.tasklane.server.ratelimit;

import java.time.Duration;
import java.util.Map;

/**
 * Request budgets; see docs/security.md for the policy. Each comes from an environment variable:
 *
 * @param authPerIp          {@code TASKLANE_RATE_AUTH_PER_IP} (default 30): login attempts per client IP per window
 * @param authPerAccount     {@code TASKLANE_RATE_AUTH_PER_ACCOUNT} (default 10): <em>failed</em> logins per
 *                           (account, client IP) per window; the owner logging in from another address is not
 *                           affected, so a stranger cannot lock an account
 * @param syncPerUser        {@code TASKLANE_RATE_SYNC_PER_USER} (default 600): syncs per user per window
 * @param window             {@code TASKLANE_RATE_WINDOW} (ISO-8601, default PT1M)
 * @param registerPerIp      {@code TASKLANE_RATE_REGISTER_PER_IP} (default 5): registrations per client IP per
 *                           {@code registerWindow}; it is what keeps probing for taken emails impractical
 * @param registerWindow     {@code TASKLANE_RATE_REGISTER_WINDOW} (default PT1H)
 * @param writesPerUser      {@code TASKLANE_RATE_WRITES_PER_USER} (default 600): REST task writes per user per window
 * @param sessionPerIp       {@code TASKLANE_RATE_SESSION_PER_IP} (default 60): refreshes and logouts per client IP
 *                           per window
 */
public record RateLimits(int authPerIp, int authPerAccount, int syncPerUser, Duration window, int registerPerIp,
                         Duration registerWindow, int writesPerUser, int sessionPerIp) {

    public static final RateLimits DEFAULT = new RateLimits(30, 10, 600, Duration.ofMinutes(1), 5, Duration.ofHours(1), 600, 60);

    /** The older four budgets; registrations, sessions and REST writes share the auth and sync ones. */
    public RateLimits(int authPerIp, int authPerAccount, int syncPerUser, Duration window) {
        this(authPerIp, authPerAccount, syncPerUser, window, authPerIp, window, syncPerUser, authPerIp);
    }

    public static RateLimits fromEnvironment(Map<String, String> env) {
        return new RateLimits(
                number(env, "TASKLANE_RATE_AUTH_PER_IP", DEFAULT.authPerIp()),
                number(env, "TASKLANE_RATE_AUTH_PER_ACCOUNT", DEFAULT.authPerAccount()),
                number(env, "TASKLANE_RATE_SYNC_PER_USER", DEFAULT.syncPerUser()),
                Duration.parse(env.getOrDefault("TASKLANE_RATE_WINDOW", DEFAULT.window().toString())),
                number(env, "TASKLANE_RATE_REGISTER_PER_IP", DEFAULT.registerPerIp()),
                Duration.parse(env.getOrDefault("TASKLANE_RATE_REGISTER_WINDOW", DEFAULT.registerWindow().toString())),
                number(env, "TASKLANE_RATE_WRITES_PER_USER", DEFAULT.writesPerUser()),
                number(env, "TASKLANE_RATE_SESSION_PER_IP", DEFAULT.sessionPerIp()));
    }

    private static int number(Map<String, String> env, String name, int fallback) {
        return Integer.parseInt(env.getOrDefault(name, Integer.toString(fallback)));
    }
}
