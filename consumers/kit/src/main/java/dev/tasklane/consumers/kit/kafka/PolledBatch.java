package dev.tasklane.consumers.kit.kafka;

import dev.tasklane.consumers.kit.event.MalformedEvent;
import dev.tasklane.consumers.kit.event.TaskEvent;
import dev.tasklane.consumers.kit.event.TaskEventFormat;
import dev.tasklane.consumers.kit.handling.EventProcessor;
import dev.tasklane.consumers.kit.handling.EventProcessor.Outcome;
import dev.tasklane.consumers.kit.observe.ServiceMetrics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * One poll's records, parsed, in poll order (which keeps each partition's, so each task's, order).
 *
 * @param all      every record of the poll
 * @param parsed   the records that are task events, in order
 * @param events   their events, index for index
 * @param outcomes records already decided before any work: malformed ones, to be dead-lettered
 */
record PolledBatch(List<ConsumerRecord<String, byte[]>> all, List<ConsumerRecord<String, byte[]>> parsed,
                   List<TaskEvent> events, Map<ConsumerRecord<String, byte[]>, Outcome> outcomes) {

    /** Parses the records; a malformed one (or one the parser fails on) is counted as failed and gets a dead-letter outcome. */
    static PolledBatch parse(ConsumerRecords<String, byte[]> records, TaskEventFormat format, ServiceMetrics metrics) {
        List<ConsumerRecord<String, byte[]>> all = new ArrayList<>(records.count());
        records.forEach(all::add);
        List<ConsumerRecord<String, byte[]>> parsed = new ArrayList<>(all.size());
        List<TaskEvent> events = new ArrayList<>(all.size());
        Map<ConsumerRecord<String, byte[]>, Outcome> outcomes = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : all) {
            try {
                events.add(format.parse(record.value()));
                parsed.add(record);
            } catch (RuntimeException e) {
                // Malformed, or a record the parser trips over in a way nobody foresaw: still one
                // record, dead-lettered with the error, and the loop (and every later record) carries on.
                metrics.count(EventProcessor.FAILED, 1);
                MalformedEvent malformed = e instanceof MalformedEvent m ? m : new MalformedEvent("the event could not be read: " + e, e);
                outcomes.put(record, new Outcome.DeadLetter(malformed, 1));
            }
        }
        return new PolledBatch(all, parsed, events, outcomes);
    }

    /** The batch without the records of these partitions (sought back to a gap: they come again). */
    PolledBatch without(Set<TopicPartition> partitions) {
        List<ConsumerRecord<String, byte[]>> keptParsed = new ArrayList<>();
        List<TaskEvent> keptEvents = new ArrayList<>();
        for (int i = 0; i < parsed.size(); i++) {
            if (!partitions.contains(partitionOf(parsed.get(i)))) {
                keptParsed.add(parsed.get(i));
                keptEvents.add(events.get(i));
            }
        }
        List<ConsumerRecord<String, byte[]>> keptAll = all.stream().filter(r -> !partitions.contains(partitionOf(r))).toList();
        Map<ConsumerRecord<String, byte[]>, Outcome> keptOutcomes = new HashMap<>(outcomes);
        keptOutcomes.keySet().removeIf(r -> partitions.contains(partitionOf(r)));
        return new PolledBatch(keptAll, keptParsed, keptEvents, keptOutcomes);
    }

    static TopicPartition partitionOf(ConsumerRecord<?, ?> record) {
        return new TopicPartition(record.topic(), record.partition());
    }
}
