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

    @Test
    void keepsTheDataAsReceivedAndPicksOutTheSameFieldsATreeGives() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        for (String data : java.util.List.of(
                "{\"userId\":\"u1\",\"taskId\":\"t1\",\"deviceId\":\"Anna’s laptop ☕\",\"changedFields\":[\"title\",\"notes\"],"
                        + "\"task\":{\"userId\":\"not this one\",\"title\":\"Zahlung \\\"Miete\\\" \\n€\"}}",
                "{ \"changedFields\" : [ 1, 2.50, true, null, [\"x\"], {\"y\":1}, \"z\" ] , \"userId\" : 7 }",
                "{\"userId\":\"first\",\"userId\":\"last\",\"changedFields\":\"not an array\",\"deviceId\":null}",
                "{}")) {
            String json = """
                    {"specversion":"1.0","id":"e","source":"/s","type":"task.updated","data": %s ,"subject":"s"}
                    """.formatted(data);

            TaskEvent event = format.parse(json.getBytes(StandardCharsets.UTF_8));
            var tree = mapper.readTree(data);

            assertThat(new String(event.dataJson(), StandardCharsets.UTF_8)).as("the data's own bytes").isEqualTo(data.strip());
            assertThat(event.data()).isEqualTo(tree);
            DataFields fromTree = DataFields.of(tree);
            assertThat(event.changedFields()).as(data).isEqualTo(fromTree.changedFields());
            assertThat(event.deviceId()).as(data).isEqualTo(java.util.Optional.ofNullable(fromTree.deviceId()));
            assertThat(event).isEqualTo(new TaskEvent("e", "task.updated", "s", Instant.EPOCH, tree));
        }
    }

    @Test
    void theSubjectFallsBackToTheDatasTaskIdAndIdsAreReadFromTheDataAlone() {
        UUID user = UUID.randomUUID();
        UUID task = UUID.randomUUID();
        TaskEvent event = format.parse("""
                {"specversion":"1.0","id":"e","source":"/s","type":"task.updated",
                 "data":{"task":{"userId":"%s"},"taskId":"%s","userId":"%s"}}
                """.formatted(UUID.randomUUID(), task, user).getBytes(StandardCharsets.UTF_8));

        assertThat(event.subject()).isEqualTo(task.toString());
        assertThat(event.userId()).contains(user);
        assertThat(event.taskId()).contains(task);
    }

    @Test
    void base64DataIsKeptAsTheDecodedJson() {
        String data = "{\"userId\":\"u\",\"changedFields\":[\"due\"]}";
        TaskEvent event = format.parse("""
                {"specversion":"1.0","id":"e","source":"/s","type":"task.updated","data":null,"data_base64":"%s"}
                """.formatted(java.util.Base64.getEncoder().encodeToString(data.getBytes(StandardCharsets.UTF_8)))
                .getBytes(StandardCharsets.UTF_8));

        assertThat(new String(event.dataJson(), StandardCharsets.UTF_8)).isEqualTo(data);
        assertThat(event.changedFields()).containsExactly("due");
        assertThatThrownBy(() -> format.parse("""
                {"specversion":"1.0","id":"e","source":"/s","type":"t","data_base64":"WzFd"}
                """.getBytes(StandardCharsets.UTF_8))).isInstanceOf(MalformedEvent.class).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> format.parse("""
                {"specversion":"1.0","id":"e","source":"/s","type":"t","data":{"a":1}
                """.getBytes(StandardCharsets.UTF_8))).as("cut short").isInstanceOf(MalformedEvent.class);
    }
}
