package dev.tasklane.consumers.reminders.firing;

import dev.tasklane.consumers.kit.observe.ServiceMetrics;
import dev.tasklane.consumers.reminders.emit.ReminderEmitter;
import dev.tasklane.consumers.reminders.schedule.ReminderSchedule;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Fires due reminders: it claims what is due (atomically, across replicas) when the earliest
 * reminder comes due, and at least every {@code tick},
 * emits each and marks it fired once Kafka acknowledged. A reminder found more than
 * {@code lateAfter} past its time is emitted marked late (the service, Kafka or Redis was away);
 * one more than {@code cutoff} past its time is counted and dropped, not fired — a notice hours
 * late helps nobody.
 */
public final class FiringLoop implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(FiringLoop.class.getName());
    public static final String FIRED = "tasklane_reminders_fired_total";
    public static final String FIRED_LATE = "tasklane_reminders_fired_late_total";
    public static final String SKIPPED = "tasklane_reminders_skipped_past_cutoff_total";
    public static final String LATENESS = "tasklane_reminders_fire_lateness_seconds";
    private static final int CLAIM_BATCH = 500;
    /**
     * The shortest wait between rounds while reminders keep coming due: a burst is then claimed
     * in rounds of at least 10 ms worth (fewer Redis scripts and Kafka requests) instead of a
     * round per reminder, for at most 10 ms of added lateness.
     */
    private static final Duration MIN_PAUSE = Duration.ofMillis(10);

    /**
     * @param tick      how often to look for due reminders ({@code TASKLANE_REMINDER_TICK}, default PT0.1S)
     * @param lease     how long a claim is held before another replica may take it ({@code TASKLANE_REMINDER_LEASE}, default PT30S)
     * @param lateAfter lateness from which a reminder is marked late (default PT1M)
     * @param cutoff    lateness past which it is not fired ({@code TASKLANE_REMINDER_LATE_CUTOFF}, default PT6H)
     */
    public record Timing(Duration tick, Duration lease, Duration lateAfter, Duration cutoff) {
    }

    private final ReminderSchedule schedule;
    private final ReminderEmitter emitter;
    private final Timing timing;
    private final InstantSource clock;
    private final ServiceMetrics metrics;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    public FiringLoop(ReminderSchedule schedule, ReminderEmitter emitter, Timing timing, InstantSource clock, ServiceMetrics metrics) {
        this.schedule = schedule;
        this.emitter = emitter;
        this.timing = timing;
        this.clock = clock;
        this.metrics = metrics;
        metrics.describe(FIRED, "Reminders emitted as task.reminder.due");
        metrics.describe(FIRED_LATE, "Reminders emitted marked late");
        metrics.describe(SKIPPED, "Reminders dropped because they were past the late cutoff");
        metrics.count(FIRED, 0);
        metrics.count(FIRED_LATE, 0);
        metrics.count(SKIPPED, 0);
        metrics.histogram(LATENESS, "How long after its fire time a reminder was emitted",
                0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 3600);
        this.thread = Thread.ofPlatform().name("reminder-firing").start(this::run);
    }

    private void run() {
        while (running.get()) {
            int handled;
            try {
                handled = fireDue();
            } catch (RuntimeException e) {
                // Redis away: nothing is lost (the schedule is in Redis, or rebuilt from Kafka); try again shortly.
                LOG.log(Level.WARNING, "cannot fire reminders right now: " + e.getMessage());
                pause(Duration.ofSeconds(1));
                continue;
            }
            if (handled < CLAIM_BATCH) {
                pause(untilNextDue());
            }
            // A full claim means more is due: claim again at once.
        }
    }

    /**
     * How long to wait before the next claim: until the earliest fire time (or lease end) in the
     * schedule, but at least {@link #MIN_PAUSE} and at most the tick. Waiting a whole tick after
     * every round (as this loop did first) made each cycle "round + tick", and a reminder waited
     * for the next claim on top of the round's own time; waking at the earliest score claims a
     * reminder about when it comes due. The tick stays the upper bound, so a reminder scheduled
     * during the wait with an earlier time (or by another replica) is still found within a tick.
     */
    private Duration untilNextDue() {
        try {
            Optional<Instant> next = schedule.nextDue();
            if (next.isEmpty()) {
                return timing.tick();
            }
            Duration wait = Duration.between(clock.instant(), next.get());
            return wait.compareTo(MIN_PAUSE) < 0 ? MIN_PAUSE : wait.compareTo(timing.tick()) > 0 ? timing.tick() : wait;
        } catch (RuntimeException e) {
            // Redis away: the next claim reports it; wait the tick meanwhile.
            return timing.tick();
        }
    }

    /** One round: claim, emit all (in flight together), mark those Kafka acknowledged. Returns how many were claimed. */
    int fireDue() {
        Instant now = clock.instant();
        List<ReminderSchedule.Claim> claims = schedule.claimDue(now, timing.lease(), CLAIM_BATCH);
        List<ReminderSchedule.Claim> done = new ArrayList<>();
        List<ReminderSchedule.Claim> sent = new ArrayList<>();
        List<ReminderEmitter.Pending> acks = new ArrayList<>();
        List<Boolean> lateFlags = new ArrayList<>();
        for (ReminderSchedule.Claim claim : claims) {
            Duration lateness = Duration.between(claim.reminder().fireAt(), clock.instant());
            if (lateness.compareTo(timing.cutoff()) > 0) {
                metrics.count(SKIPPED, 1);
                done.add(claim);
                continue;
            }
            boolean late = lateness.compareTo(timing.lateAfter()) > 0;
            sent.add(claim);
            lateFlags.add(late);
            acks.add(emitter.send(claim.reminder(), late));
        }
        for (int i = 0; i < sent.size(); i++) {
            ReminderSchedule.Claim claim = sent.get(i);
            try {
                acks.get(i).await();
            } catch (ReminderEmitter.NotAcknowledged e) {
                // Keep the lease: when it runs out the reminder is claimed again, by any replica.
                LOG.warning("reminder " + claim.key() + " not acknowledged by Kafka; it is retried after its lease: " + e.getMessage());
                continue;
            }
            done.add(claim);
            metrics.count(FIRED, 1);
            if (lateFlags.get(i)) {
                metrics.count(FIRED_LATE, 1);
            }
            metrics.observe(LATENESS, Math.max(0, Duration.between(claim.reminder().fireAt(), clock.instant()).toNanos() / 1e9));
        }
        schedule.fired(done, clock.instant());
        return claims.size();
    }

    private void pause(Duration wait) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
        }
    }

    /** Stops after the reminder in hand; a claim not yet marked is re-claimed after its lease. */
    @Override
    public void close() {
        running.set(false);
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
