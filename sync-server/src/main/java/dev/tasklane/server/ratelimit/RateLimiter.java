package dev.tasklane.server.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.redisson.api.RRateLimiter;
import org.redisson.api.RateType;
import org.redisson.api.RedissonClient;

/** Named budgets of permits per window: take one, or ask whether any is left. */
public interface RateLimiter {

    /** Takes one permit. @param bucket e.g. {@code auth-ip:203.0.113.7}; @param limit permits per {@code window} */
    boolean tryAcquire(String bucket, int limit, Duration window);

    /** True when the bucket has a permit left, without taking it (for budgets spent only on failures). */
    boolean hasPermit(String bucket, int limit, Duration window);

    /** Shared by every replica: Redisson rate limiters in Redis. */
    static RateLimiter redis(RedissonClient redisson) {
        return new RateLimiter() {
            private RRateLimiter limiter(String bucket, int limit, Duration window) {
                RRateLimiter limiter = redisson.getRateLimiter("tasklane:rate:" + bucket);
                // Idempotent: only the first caller sets the rate; the key expires after two idle windows.
                limiter.trySetRate(RateType.OVERALL, limit, window, window.multipliedBy(2));
                return limiter;
            }

            @Override
            public boolean tryAcquire(String bucket, int limit, Duration window) {
                return limiter(bucket, limit, window).tryAcquire();
            }

            @Override
            public boolean hasPermit(String bucket, int limit, Duration window) {
                return limiter(bucket, limit, window).availablePermits() > 0;
            }
        };
    }

    /** For a single replica without Redis: fixed windows in memory. */
    static RateLimiter local() {
        return new LocalRateLimiter();
    }

    /** Fixed windows in a map; expired windows are swept once the map grows, so made-up buckets cannot fill memory. */
    final class LocalRateLimiter implements RateLimiter {
        private static final int SWEEP_ABOVE = 50_000;

        private record Window(long start, long length, int used) {
            boolean over(long now) {
                return now - start >= length;
            }
        }

        private final Map<String, Window> windows = new ConcurrentHashMap<>();

        @Override
        public boolean tryAcquire(String bucket, int limit, Duration window) {
            long now = System.nanoTime();
            if (windows.size() > SWEEP_ABOVE) {
                windows.values().removeIf(w -> w.over(now));
            }
            Window next = windows.compute(bucket, (key, current) ->
                    current == null || current.over(now) ? new Window(now, window.toNanos(), 1)
                            : new Window(current.start(), current.length(), current.used() + 1));
            return next.used() <= limit;
        }

        @Override
        public boolean hasPermit(String bucket, int limit, Duration window) {
            Window current = windows.get(bucket);
            return current == null || current.over(System.nanoTime()) || current.used() < limit;
        }
    }
}
