package dev.tasklane.consumers.kit.kafka;

/**
 * Tells the consumer loop to re-read its partitions from the beginning of the topic: used by a
 * service whose state is derived from the events and can be lost (the reminders' Redis schedule).
 * Asked on every partition assignment and every few seconds while running.
 */
public interface ReplayTrigger {

    /** True when the derived state is gone and must be rebuilt from the events. */
    boolean replayNeeded();

    /** Called after the loop has sought to the beginning, so the next check answers false. */
    void replayStarted();

    /** Never replays. */
    ReplayTrigger NEVER = new ReplayTrigger() {
        @Override
        public boolean replayNeeded() {
            return false;
        }

        @Override
        public void replayStarted() {
        }
    };
}
