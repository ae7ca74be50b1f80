package dev.tasklane.server.api;

import dev.tasklane.server.ratelimit.RateLimiter;
import dev.tasklane.server.ratelimit.RateLimits;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Applies the rate limits to requests; over budget is a 429 problem with Retry-After. The policy
 * (docs/security.md): logins are budgeted per client IP; <em>failed</em> logins per (account,
 * client IP), so ten wrong passwords from one address stop that address only, never the owner
 * elsewhere; registrations per IP over a long window; syncs and REST writes per user; refreshes
 * and logouts per IP.
 */
public final class RateLimitGuard {

    private final RateLimiter limiter;
    private final RateLimits limits;

    public RateLimitGuard(RateLimiter limiter, RateLimits limits) {
        this.limiter = limiter;
        this.limits = limits;
    }

    /** Before checking a password: the IP's budget, and whether this IP may still try this account. */
    public void login(String clientIp, String email) {
        take("auth-ip:" + clientIp, limits.authPerIp(), limits.window());
        if (!limiter.hasPermit(failureBucket(clientIp, email), limits.authPerAccount(), limits.window())) {
            throw tooMany(limits.window());
        }
    }

    /** After a wrong password: spends one of this (account, IP)'s failures. */
    public void loginFailed(String clientIp, String email) {
        limiter.tryAcquire(failureBucket(clientIp, email), limits.authPerAccount(), limits.window());
    }

    public void register(String clientIp) {
        take("register-ip:" + clientIp, limits.registerPerIp(), limits.registerWindow());
    }

    /** Refresh and logout. */
    public void session(String clientIp) {
        take("session-ip:" + clientIp, limits.sessionPerIp(), limits.window());
    }

    public void sync(UUID userId) {
        take("sync-user:" + userId, limits.syncPerUser(), limits.window());
    }

    /** REST task writes (create, update, delete, complete). */
    public void write(UUID userId) {
        take("write-user:" + userId, limits.writesPerUser(), limits.window());
    }

    private static String failureBucket(String clientIp, String email) {
        return "login-failed:" + email.strip().toLowerCase(Locale.ROOT) + "|" + clientIp;
    }

    private void take(String bucket, int limit, Duration window) {
        if (!limiter.tryAcquire(bucket, limit, window)) {
            throw tooMany(window);
        }
    }

    private static ApiException tooMany(Duration window) {
        return new ApiException(429, "rate_limited", "Too many requests",
                "Too many requests; try again in " + window.toSeconds() + " seconds.", List.of())
                .withRetryAfter(window.toSeconds());
    }
}
