package dev.tasklane.consumers.kit.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TaskEventFormatTest {

    private final TaskEventFormat format = new TaskEventFormat();

    @Test
    void readsTheSyncServersStructuredCloudEvent() {
        UUID user = UUID.randomUUID();
        UUID task = UUID.randomUUID();
        String json = """
                {"specversion":"1.0","id":"e-1","source":"/tasklane/sync-server","type":"task.created","subject":"%s",
                 "time":"2026-12-01T08:00:00Z","datacontenttype":"application/json",
                 "data":{"userId":"%s","taskId":"%s","changedFields":["title"],"task":{"title":"Pay rent"}}}
                """.formatted(task, user, task);

        TaskEvent event = format.parse(json.getBytes(StandardCharsets.UTF_8));

        assertThat(event.id()).isEqualTo("e-1");
        assertThat(event.type()).isEqualTo(TaskEvent.CREATED);
        assertThat(event.time()).isEqualTo(Instant.parse("2026-12-01T08:00:00Z"));
        assertThat(event.userId()).contains(user);
        assertThat(event.taskId()).contains(task);
        assertThat(event.task().orElseThrow().path("title").asText()).isEqualTo("Pay rent");
    }

    @Test
    void readsTheEventAsDaprDeliversItWithItsExtraAttributes() {
        String json = """
                {"specversion":"1.0","id":"e-2","source":"/tasklane/sync-server","type":"task.updated","subject":"s",
                 "time":"2026-12-01T08:00:00Z","datacontenttype":"application/json","data":{"userId":"u"},
                 "topic":"task-events","pubsubname":"pubsub","traceid":"00-abc-def-01","traceparent":"00-abc-def-01",
                 "tracestate":""}
                """;

        assertThat(format.parse(json.getBytes(StandardCharsets.UTF_8)).id()).isEqualTo("e-2");
    }

    @Test
    void rejectsWhatIsNotACloudEventWithObjectData() {
        assertThatThrownBy(() -> format.parse("not json".getBytes(StandardCharsets.UTF_8))).isInstanceOf(MalformedEvent.class);
        assertThatThrownBy(() -> format.parse(new byte[0])).isInstanceOf(MalformedEvent.class);
        assertThatThrownBy(() -> format.parse("""
                {"specversion":"1.0","id":"x","source":"/s","type":"t","datacontenttype":"application/json","data":[1,2]}
                """.getBytes(StandardCharsets.UTF_8))).isInstanceOf(MalformedEvent.class);
        // The attributes CloudEvents requires, and a time that must be RFC 3339.
        assertThatThrownBy(() -> format.parse("""
                {"id":"x","source":"/s","type":"t","data":{}}
                """.getBytes(StandardCharsets.UTF_8))).isInstanceOf(MalformedEvent.class).hasMessageContaining("specversion");
        assertThatThrownBy(() -> format.parse("""
                {"specversion":"1.0","source":"/s","type":"t","data":{}}
                """.getBytes(StandardCharsets.UTF_8))).isInstanceOf(MalformedEvent.class).hasMessageContaining("no id");
        assertThatThrownBy(() -> format.parse("""
                {"specversion":"1.0","id":"x","type":"t","data":{}}
                """.getBytes(StandardCharsets.UTF_8))).isInstanceOf(MalformedEvent.class).hasMessageContaining("no source");
        assertThatThrownBy(() -> format.parse("""
                {"specversion":"1.0","id":"x","source":"/s","data":{}}
                """.getBytes(StandardCharsets.UTF_8))).isInstanceOf(MalformedEvent.class).hasMessageContaining("no type");
        assertThatThrownBy(() -> format.parse("""
                {"specversion":"1.0","id":"x","source":"/s","type":"t","time":"yesterday","data":{}}
                """.getBytes(StandardCharsets.UTF_8))).isInstanceOf(MalformedEvent.class).hasMessageContaining("RFC 3339");
        assertThatThrownBy(() -> format.parse("""
                {"specversion":"1.0","id":"x","source":"/s","type":"t"}
                """.getBytes(StandardCharsets.UTF_8))).isInstanceOf(MalformedEvent.class).hasMessageContaining("no data");
        assertThatThrownBy(() -> format.parse("[1]".getBytes(StandardCharsets.UTF_8))).isInstanceOf(MalformedEvent.class);
    }

    @Test
    void readsDataSentAsBase64AndTimesWithAnOffset() {
        String data = java.util.Base64.getEncoder().encodeToString("{\"userId\":\"u\"}".getBytes(StandardCharsets.UTF_8));
        TaskEvent event = format.parse("""
                {"specversion":"1.0","id":"e-3","source":"/s","type":"task.updated","time":"2026-12-01T09:00:00+01:00",
                 "data_base64":"%s"}
                """.formatted(data).getBytes(StandardCharsets.UTF_8));

        assertThat(event.data().path("userId").asText()).isEqualTo("u");
        assertThat(event.time()).isEqualTo(Instant.parse("2026-12-01T08:00:00Z"));
    }

    @Test
    void readsTimesAsTheIsoFormatterDoes() {
        for (String time : java.util.List.of("2026-12-01T08:00:00Z", "2026-12-01T08:00:00.1Z", "2026-12-01T08:00:00.123456789Z",
                "2026-12-01T08:00:00.000123Z", "2026-12-01T08:00:00+05:30", "2026-12-01T08:00:00.5-08:00", "2024-02-29T23:59:59Z",
                "2026-12-01T08:00Z", "2026-12-01T08:00:00+01:00:30")) {
            assertThat(TaskEventFormat.parseTime(time)).as(time)
                    .isEqualTo(java.time.OffsetDateTime.parse(time, java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        }
        for (String bad : java.util.List.of("2026-02-30T08:00:00Z", "2026-12-01T24:00:00Z", "2026-12-01T08:00:00",
                "2026-12-01T08:00:00.1234567890Z", "2026-12-01T08:00:00+19:00", "2026-1x-01T08:00:00Z", "2026-12-01 08:00:00Z")) {
            assertThatThrownBy(() -> TaskEventFormat.parseTime(bad)).as(bad).isInstanceOf(java.time.format.DateTimeParseException.class);
        }
    }

    @Test
    void writtenEventsReadBackTheSame() {
        TaskEvent event = new TaskEvent("id-1", TaskEvent.REMINDER_DUE, "task-1", Instant.parse("2026-12-01T08:00:00Z"),
                new ObjectMapper().createObjectNode().put("userId", "u").put("fireAt", "2026-12-01T08:00:00Z"));

        assertThat(format.parse(format.write(event, URI.create("/tasklane/reminders")))).isEqualTo(event);
    }
}
