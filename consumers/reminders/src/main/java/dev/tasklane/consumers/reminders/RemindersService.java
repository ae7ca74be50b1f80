package dev.tasklane.consumers.reminders;

import dev.tasklane.connections.KafkaConnection;
import dev.tasklane.consumers.kit.ConsumerService;
import dev.tasklane.consumers.kit.kafka.ReplayTrigger;
import dev.tasklane.consumers.kit.observe.ServiceMetrics;
import dev.tasklane.consumers.reminders.emit.ReminderEmitter;
import dev.tasklane.consumers.reminders.firing.FiringLoop;
import dev.tasklane.consumers.reminders.schedule.ReminderSchedule;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;

/**
 * The running reminders service: the consumer that keeps the Redis schedule, and the firing
 * loop that emits due reminders. When Redis has lost the schedule (a partition's "built" mark is
 * gone), the consumer re-reads that partition of {@code task-events} from the beginning and rebuilds it. {@link Main}
 * starts it from the environment.
 */
public final class RemindersService implements AutoCloseable {

    public static final String SCHEDULED = "tasklane_reminders_scheduled";

    private final RedissonClient redis;
    private final ReminderEmitter emitter;
    private final FiringLoop firing;
    private final ConsumerService consumer;
    private final ServiceMetrics metrics;

    private RemindersService(RedissonClient redis, ReminderEmitter emitter, FiringLoop firing, ConsumerService consumer,
                             ServiceMetrics metrics) {
        this.redis = redis;
        this.emitter = emitter;
        this.firing = firing;
        this.consumer = consumer;
        this.metrics = metrics;
    }

    public static RemindersService start(ReminderSettings settings) {
        KafkaConnection kafka = settings.consumer().kafka()
                .orElseThrow(() -> new IllegalArgumentException("the reminders service emits to Kafka: set TASKLANE_KAFKA_BOOTSTRAP"));
        RedissonClient redis = Redisson.create(settings.redissonConfig());
        ReminderSchedule schedule = new ReminderSchedule(redis);
        ServiceMetrics metrics = new ServiceMetrics("reminders");
        metrics.gauge(SCHEDULED, "Reminders waiting in the schedule", () -> {
            try {
                return schedule.scheduled();
            } catch (RuntimeException e) {
                return -1;
            }
        });
        ReminderEmitter emitter = new ReminderEmitter(kafka, settings.consumer().topic());
        ReplayTrigger rebuild = new ReplayTrigger() {
            @Override
            public java.util.Set<Integer> replayNeeded(java.util.Collection<Integer> partitions) {
                return schedule.unbuilt(partitions);
            }

            @Override
            public void replayStarted(java.util.Collection<Integer> partitions) {
                schedule.markBuilt(partitions, Instant.now());
            }
        };
        ConsumerService consumer = ConsumerService.start(settings.consumer(), new ReminderHandler(schedule, settings.zone()), metrics,
                List.of(new ConsumerService.Check("redis", schedule::reachable)), Main::routing, rebuild);
        FiringLoop firing = new FiringLoop(schedule, emitter, settings.timing(), Clock.systemUTC(), metrics);
        return new RemindersService(redis, emitter, firing, consumer, metrics);
    }

    public int port() {
        return consumer.port();
    }

    public ServiceMetrics metrics() {
        return metrics;
    }

    @Override
    public void close() {
        firing.close();
        consumer.close();
        emitter.close();
        redis.shutdown();
    }
}
