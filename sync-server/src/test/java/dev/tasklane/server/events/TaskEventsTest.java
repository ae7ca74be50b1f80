package dev.tasklane.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The outbox stores each event encoded by {@link TaskEvents#encode} and the relay sends those bytes
 * unchanged; consumers (and docs/events.md) expect what the CloudEvents SDK writes. These hold the
 * two to the same bytes, so a change on either side fails here before it reaches a topic.
 */
class TaskEventsTest {

    private static final List<String> DATA = List.of(
            "{}",
            "{\"userId\":\"u\",\"changedFields\":[\"notes\",\"title\"],\"task\":null}",
            "{\"title\":\"Buy \\\"oat\\\" milk\\nand bread\",\"notes\":\"tab\\t backslash \\\\ 🐧 \u2028 ümlaut\",\"n\":[1,2.5,true,null]}");

    @Test
    void encodedEventsAreByteForByteWhatTheCloudEventsSdkWrites() {
        List<Instant> times = List.of(Instant.parse("2026-11-28T02:43:00Z"), Instant.parse("2026-11-28T02:43:00.120Z"),
                Instant.parse("2026-11-28T02:43:07.123456Z"), Instant.now());
        for (String data : DATA) {
            for (Instant time : times) {
                UUID id = UUID.randomUUID();
                UUID taskId = UUID.randomUUID();
                byte[] sdk = TaskEvents.serialize(TaskEvents.event(id, "task.updated", taskId,
                        time.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC), data));

                String encoded = TaskEvents.encode(id, "task.updated", taskId, time, out -> out.writeRawValue(data));

                assertThat(encoded.getBytes(StandardCharsets.UTF_8)).as("%s at %s", data, time).isEqualTo(sdk);
            }
        }
    }

    @Test
    void dataWrittenWithTheGeneratorIsEscapedAsTheSdkWritesItsText() throws Exception {
        UUID id = UUID.randomUUID();
        UUID taskId = UUID.randomUUID();
        Instant time = Instant.parse("2026-11-28T02:43:07.123456Z");
        String title = "Line\nbreak, \"quotes\", \\ backslash, \u0001 control, 🐧 and \u2028";

        String encoded = TaskEvents.encode(id, "task.created", taskId, time, out -> {
            out.writeStartObject();
            out.writeStringField("title", title);
            out.writeEndObject();
        });

        String dataAsText = "{\"title\":" + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(title) + "}";
        assertThat(encoded.getBytes(StandardCharsets.UTF_8)).isEqualTo(TaskEvents.serialize(
                TaskEvents.event(id, "task.created", taskId, time.atOffset(ZoneOffset.UTC), dataAsText)));
        assertThat(encoded).doesNotContain("\n");
        assertThat(TaskEvents.deserialize(encoded.getBytes(StandardCharsets.UTF_8)).getData().toBytes())
                .isEqualTo(dataAsText.getBytes(StandardCharsets.UTF_8));
    }
}
