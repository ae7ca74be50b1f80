package dev.tasklane.server.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.redisson.api.RRateLimiter;
import org.redisson.api.RateType;
import org.redisson.api.RedissonClient;

/** Takes one permit from a named budget, or says no. */
public interface RateLimiter {

    /** @param bucket e.g. {@code auth-ip:203.0.113.7}; @param limit permits per {@code window} */
    boolean tryAcquire(String bucket, int limit, Duration window);

    /** Shared by every replica: Redisson rate limiters in Redis. */
    static RateLimiter redis(RedissonClient redisson) {
        return (bucket, limit, window) -> {
            RRateLimiter limiter = redisson.getRateLimiter("tasklane:rate:" + bucket);
            // Idempotent: only the first caller sets the rate; the key expires after two idle windows.
            limiter.trySetRate(RateType.OVERALL, limit, window, window.multipliedBy(2));
            return limiter.tryAcquire();
        };
    }

    /** For a single replica without Redis: fixed windows in memory. */
    static RateLimiter local() {
        record Window(long start, int used) {
        }
        Map<String, Window> windows = new ConcurrentHashMap<>();
        return (bucket, limit, window) -> {
            long now = System.nanoTime();
            Window next = windows.compute(bucket, (key, current) ->
                    current == null || now - current.start() >= window.toNanos() ? new Window(now, 1)
                            : new Window(current.start(), current.used() + 1));
            return next.used() <= limit;
        };
    }
}
