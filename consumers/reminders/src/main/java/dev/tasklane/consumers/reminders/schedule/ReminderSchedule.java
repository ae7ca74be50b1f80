package dev.tasklane.consumers.reminders.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * The reminder schedule in Redis, shared by every replica. Each change is one Lua script, so it
 * is atomic:
 * <ul>
 *   <li>{@code schedule} — a sorted set, member = reminder key ({@code task@fireMillis}), score = fire time;</li>
 *   <li>{@code leases} — claimed reminders, score = lease expiry; a replica that dies between claim and
 *       Kafka's acknowledgement leaves its lease to expire, and the reminder is claimed again (same event id);</li>
 *   <li>{@code entries} — what each reminder's notice says; {@code by-task} — a task's current reminder;</li>
 *   <li>{@code fired} — reminders already emitted (kept {@value #FIRED_DAYS} days), so a redelivered
 *       task event never schedules one again;</li>
 *   <li>{@code built} — per partition of {@code task-events}, set once the schedule was built from that
 *       partition's events; a missing field means Redis lost it (or never had it).</li>
 * </ul>
 * All keys share one hash tag, so the scripts also run on a Redis cluster.
 */
public final class ReminderSchedule {

    static final int FIRED_DAYS = 30;
    private static final String PREFIX = "{tasklane:reminders}:";
    private static final String SCHEDULE = PREFIX + "schedule";
    private static final String LEASES = PREFIX + "leases";
    private static final String ENTRIES = PREFIX + "entries";
    private static final String BY_TASK = PREFIX + "by-task";
    private static final String FIRED = PREFIX + "fired";
    private static final String BUILT = PREFIX + "built";

    private static final String SCHEDULE_SCRIPT = """
            if redis.call('ZSCORE', KEYS[5], ARGV[2]) then return 0 end
            local old = redis.call('HGET', KEYS[4], ARGV[1])
            if old and old ~= ARGV[2] then
              redis.call('ZREM', KEYS[1], old); redis.call('ZREM', KEYS[2], old); redis.call('HDEL', KEYS[3], old)
            end
            redis.call('HSET', KEYS[3], ARGV[2], ARGV[4])
            redis.call('HSET', KEYS[4], ARGV[1], ARGV[2])
            if not redis.call('ZSCORE', KEYS[2], ARGV[2]) then redis.call('ZADD', KEYS[1], ARGV[3], ARGV[2]) end
            return 1""";
    private static final String CANCEL_SCRIPT = """
            local old = redis.call('HGET', KEYS[4], ARGV[1])
            if not old then return 0 end
            redis.call('ZREM', KEYS[1], old); redis.call('ZREM', KEYS[2], old); redis.call('HDEL', KEYS[3], old)
            redis.call('HDEL', KEYS[4], ARGV[1])
            return 1""";
    private static final String CLAIM_SCRIPT = """
            local out = {}
            local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
            for _, m in ipairs(expired) do
              local entry = redis.call('HGET', KEYS[3], m)
              if entry then
                redis.call('ZADD', KEYS[2], ARGV[2], m); table.insert(out, m); table.insert(out, entry)
              else
                redis.call('ZREM', KEYS[2], m)
              end
            end
            local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
            for _, m in ipairs(due) do
              redis.call('ZREM', KEYS[1], m)
              local entry = redis.call('HGET', KEYS[3], m)
              if entry then
                redis.call('ZADD', KEYS[2], ARGV[2], m); table.insert(out, m); table.insert(out, entry)
              end
            end
            return out""";
    private static final String FIRED_SCRIPT = """
            for i = 2, #ARGV, 3 do
              local m = ARGV[i]
              redis.call('ZREM', KEYS[1], m); redis.call('HDEL', KEYS[2], m)
              if redis.call('HGET', KEYS[3], ARGV[i + 1]) == m then redis.call('HDEL', KEYS[3], ARGV[i + 1]) end
              redis.call('ZADD', KEYS[4], ARGV[i + 2], m)
            end
            redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', ARGV[1])
            return 1""";

    private static final String NEXT_SCRIPT = """
            local due = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
            local lease = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
            local next = due[2] and tonumber(due[2]) or nil
            if lease[2] and (not next or tonumber(lease[2]) < next) then next = tonumber(lease[2]) end
            if not next then return -1 end
            return next""";

    /** A reminder this replica claimed, with the lease it holds. */
    public record Claim(String key, ScheduledReminder reminder) {
    }

    private final RedissonClient redis;
    private final RScript script;
    private final ObjectMapper mapper = new ObjectMapper();

    public ReminderSchedule(RedissonClient redis) {
        this.redis = redis;
        this.script = redis.getScript(StringCodec.INSTANCE);
    }

    /** (Re)schedules the task's reminder; a previous fire time of the same task is dropped. Returns false when it already fired. */
    public boolean schedule(ScheduledReminder reminder) {
        Long result = script.eval(RScript.Mode.READ_WRITE, SCHEDULE_SCRIPT, RScript.ReturnType.INTEGER,
                List.of(SCHEDULE, LEASES, ENTRIES, BY_TASK, FIRED),
                reminder.taskId().toString(), reminder.key(), Long.toString(reminder.fireAt().toEpochMilli()), write(reminder));
        return result != null && result == 1;
    }

    /** Drops the task's reminder (completed, deleted, reminder removed). */
    public boolean cancel(UUID taskId) {
        Long result = script.eval(RScript.Mode.READ_WRITE, CANCEL_SCRIPT, RScript.ReturnType.INTEGER,
                List.of(SCHEDULE, LEASES, ENTRIES, BY_TASK), taskId.toString());
        return result != null && result == 1;
    }

    /**
     * Atomically takes up to {@code limit} reminders due at {@code now} (and reminders whose lease
     * expired), leasing each until {@code now + lease}. Two replicas never get the same reminder
     * while a lease runs.
     */
    public List<Claim> claimDue(Instant now, Duration lease, int limit) {
        List<Object> flat = script.eval(RScript.Mode.READ_WRITE, CLAIM_SCRIPT, RScript.ReturnType.MULTI,
                List.of(SCHEDULE, LEASES, ENTRIES),
                Long.toString(now.toEpochMilli()), Long.toString(now.plus(lease).toEpochMilli()), Integer.toString(limit));
        List<Claim> claims = new ArrayList<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            claims.add(new Claim(String.valueOf(flat.get(i)), read(String.valueOf(flat.get(i + 1)))));
        }
        return claims;
    }

    /**
     * When {@link #claimDue} will next find something: the earliest fire time waiting, or the
     * earliest lease that runs out (its reminder is claimed again), whichever is sooner; empty
     * when nothing is scheduled or leased.
     */
    public Optional<Instant> nextDue() {
        Long next = script.eval(RScript.Mode.READ_ONLY, NEXT_SCRIPT, RScript.ReturnType.INTEGER, List.of(SCHEDULE, LEASES));
        return next == null || next < 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(next));
    }

    /** Marks claimed reminders done (emitted and acknowledged, or dropped as too late), in one script. */
    public void fired(List<Claim> claims, Instant now) {
        if (claims.isEmpty()) {
            return;
        }
        List<Object> args = new ArrayList<>();
        args.add(Long.toString(now.minus(Duration.ofDays(FIRED_DAYS)).toEpochMilli()));
        for (Claim claim : claims) {
            args.add(claim.key());
            args.add(claim.reminder().taskId().toString());
            args.add(Long.toString(claim.reminder().fireAt().toEpochMilli()));
        }
        script.eval(RScript.Mode.READ_WRITE, FIRED_SCRIPT, RScript.ReturnType.INTEGER, List.of(LEASES, ENTRIES, BY_TASK, FIRED),
                args.toArray());
    }

    /** Reminders waiting (not yet claimed). */
    public long scheduled() {
        return redis.getScoredSortedSet(SCHEDULE, StringCodec.INSTANCE).size();
    }

    /** Of these partitions, those whose part of the schedule Redis does not have (lost, or never built). */
    public java.util.Set<Integer> unbuilt(java.util.Collection<Integer> partitions) {
        java.util.Set<String> built = redis.<String, String>getMap(BUILT, StringCodec.INSTANCE).readAllKeySet();
        java.util.Set<Integer> missing = new java.util.HashSet<>();
        for (int partition : partitions) {
            if (!built.contains(Integer.toString(partition))) {
                missing.add(partition);
            }
        }
        return missing;
    }

    /** Records that these partitions are being rebuilt from their beginning. */
    public void markBuilt(java.util.Collection<Integer> partitions, Instant now) {
        java.util.Map<String, String> marks = new java.util.HashMap<>();
        partitions.forEach(partition -> marks.put(Integer.toString(partition), now.toString()));
        redis.<String, String>getMap(BUILT, StringCodec.INSTANCE).putAll(marks);
    }

    public boolean reachable() {
        try {
            redis.getMap(BUILT, StringCodec.INSTANCE).isExists();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private String write(ScheduledReminder reminder) {
        ObjectNode node = mapper.createObjectNode()
                .put("userId", reminder.userId().toString())
                .put("taskId", reminder.taskId().toString())
                .put("title", reminder.title())
                .put("fireAt", reminder.fireAt().toString());
        node.put("due", reminder.due().orElse(null));
        try {
            return mapper.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ScheduledReminder read(String json) {
        try {
            JsonNode node = mapper.readTree(json);
            return new ScheduledReminder(UUID.fromString(node.path("userId").asText()), UUID.fromString(node.path("taskId").asText()),
                    node.path("title").asText(), node.path("due").isTextual() ? Optional.of(node.path("due").asText()) : Optional.empty(),
                    Instant.parse(node.path("fireAt").asText()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
