package dev.tasklane.server.api;

import dev.tasklane.server.ratelimit.RateLimiter;
import dev.tasklane.server.ratelimit.RateLimits;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Applies the rate limits to requests; over budget is a 429 problem with Retry-After. */
public final class RateLimitGuard {

    private final RateLimiter limiter;
    private final RateLimits limits;

    public RateLimitGuard(RateLimiter limiter, RateLimits limits) {
        this.limiter = limiter;
        this.limits = limits;
    }

    public void auth(String clientIp, String email) {
        check("auth-ip:" + clientIp, limits.authPerIp());
        check("auth-account:" + email.strip().toLowerCase(Locale.ROOT), limits.authPerAccount());
    }

    public void sync(UUID userId) {
        check("sync-user:" + userId, limits.syncPerUser());
    }

    private void check(String bucket, int limit) {
        if (!limiter.tryAcquire(bucket, limit, limits.window())) {
            throw new ApiException(429, "rate_limited", "Too many requests",
                    "Too many requests; try again in " + limits.window().toSeconds() + " seconds.", List.of())
                    .withRetryAfter(limits.window().toSeconds());
        }
    }
}
