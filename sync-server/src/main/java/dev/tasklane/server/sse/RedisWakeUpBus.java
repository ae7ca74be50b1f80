package dev.tasklane.server.sse;

import dev.tasklane.connections.RedisSecurity;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.redisson.Redisson;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.config.SingleServerConfig;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;

/**
 * Wake-ups across replicas over Redis pub/sub (Redisson). Pub/sub is at most once; that is fine
 * here because it carries no data — only "user X has news, read PostgreSQL".
 */
public final class RedisWakeUpBus implements WakeUpBus {

    private static final Logger LOG = Logger.getLogger(RedisWakeUpBus.class.getName());
    private static final String CHANNEL = "tasklane:wake";

    private final RedissonClient redisson;
    private final RTopic topic;
    private volatile Consumer<UUID> receiver = id -> { };

    public RedisWakeUpBus(String redisUrl) {
        this(redisUrl, RedisSecurity.NONE);
    }

    /** @param redisUrl {@code redis://host:port}, or {@code rediss://host:port} for TLS */
    public RedisWakeUpBus(String redisUrl, RedisSecurity security) {
        Config config = new Config();
        SingleServerConfig server = config.useSingleServer().setAddress(redisUrl).setConnectionMinimumIdleSize(1).setConnectionPoolSize(4)
                .setSubscriptionConnectionMinimumIdleSize(1).setSubscriptionConnectionPoolSize(2);
        security.applyTo(server);
        this.redisson = Redisson.create(config);
        this.topic = redisson.getTopic(CHANNEL, StringCodec.INSTANCE);
        topic.addListener(String.class, (channel, message) -> {
            try {
                receiver.accept(UUID.fromString(message));
            } catch (IllegalArgumentException e) {
                LOG.warning("ignoring a malformed wake-up on " + CHANNEL);
            }
        });
    }

    public RedissonClient client() {
        return redisson;
    }

    @Override
    public void wake(UUID userId) {
        try {
            topic.publishAsync(userId.toString());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Redis unavailable; streams catch up at their next heartbeat", e);
        }
    }

    @Override
    public void onWake(Consumer<UUID> newReceiver) {
        receiver = newReceiver;
    }

    @Override
    public void close() {
        redisson.shutdown();
    }
}
