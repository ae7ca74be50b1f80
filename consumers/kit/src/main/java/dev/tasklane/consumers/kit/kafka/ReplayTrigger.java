package dev.tasklane.consumers.kit.kafka;

import java.util.Collection;
import java.util.Set;

/**
 * Tells the consumer loop to re-read partitions from the beginning of the topic: used by a service
 * whose state is derived from the events and can be lost (the reminders' Redis schedule). Per
 * partition, so that with several replicas each one rebuilds exactly the partitions it owns.
 * Asked on every partition assignment and every few seconds while running.
 */
public interface ReplayTrigger {

    /** Of these partitions (of the consumed topic), those whose derived state is gone and must be rebuilt. */
    Set<Integer> replayNeeded(Collection<Integer> partitions);

    /** Called after the loop has sought these partitions to the beginning, so the next check leaves them out. */
    void replayStarted(Collection<Integer> partitions);

    /** Never replays. */
    ReplayTrigger NEVER = new ReplayTrigger() {
        @Override
        public Set<Integer> replayNeeded(Collection<Integer> partitions) {
            return Set.of();
        }

        @Override
        public void replayStarted(Collection<Integer> partitions) {
        }
    };
}
