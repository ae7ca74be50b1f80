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

    @Test
    void theDataSliceStartsRightAfterMultiByteTextAndTheIdsComeFromIt() throws Exception {
        UUID user = UUID.randomUUID();
        UUID task = UUID.randomUUID();
        String data = "{\"userId\":\"%s\",\"taskId\":\"%s\",\"task\":{\"title\":\"Café ☕ 😀\"}}".formatted(user, task);
        TaskEvent event = format.parse("""
                {"specversion":"1.0","id":"é-☕-😀","source":"/s/ü","type":"task.updated","subject":"ünïcode ☕😀","data":%s}
                """.formatted(data).getBytes(StandardCharsets.UTF_8));

        assertThat(new String(event.dataJson(), StandardCharsets.UTF_8)).isEqualTo(data);
        assertThat(event.id()).isEqualTo("é-☕-😀");
        assertThat(event.userId()).contains(user);
        assertThat(event.taskId()).contains(task);
    }

    @Test
    void dataAStoreCouldNotReadBackIsMalformedNotStored() {
        // UTF-16 (Jackson would read it, as characters), bytes that are not UTF-8 in a string no
        // consumer decodes, and escapes PostgreSQL and jsonb refuse: dead-lettered, never stored.
        String valid = """
                {"specversion":"1.0","id":"e","source":"/s","type":"task.updated","data":{"userId":"u","task":{"notes":"NOTES"}}}
                """;
        assertThatThrownBy(() -> format.parse(valid.getBytes(StandardCharsets.UTF_16LE))).isInstanceOf(MalformedEvent.class)
                .hasMessageContaining("UTF-8");
        assertThatThrownBy(() -> format.parse(valid.getBytes(StandardCharsets.UTF_16))).isInstanceOf(MalformedEvent.class);
        assertThat(format.parse(valid.replace("NOTES", "\\u0001").getBytes(StandardCharsets.UTF_8)).dataJson())
                .as("an escaped control character is fine").isNotEmpty();
        for (byte[] bad : java.util.List.of(new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[] {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0xE2, (byte) 0x82})) {
            byte[] withBad = splice(valid.getBytes(StandardCharsets.UTF_8), "NOTES", bad);
            assertThatThrownBy(() -> format.parse(withBad)).as(java.util.HexFormat.of().formatHex(bad))
                    .isInstanceOf(MalformedEvent.class).hasMessageContaining("UTF-8");
        }
        for (String escape : java.util.List.of("\\u0000", "\\ud800", "\\udc00", "\\ud800x", "\\ud800\\u0041", "\\ud800\\ud800")) {
            assertThatThrownBy(() -> format.parse(valid.replace("NOTES", escape).getBytes(StandardCharsets.UTF_8))).as(escape)
                    .isInstanceOf(MalformedEvent.class).hasMessageContaining("its data holds");
        }
        for (String fine : java.util.List.of("\\ud83d\\ude00", "\\\\u0000", "😀", "\\u00e9", "\\\"")) {
            assertThat(format.parse(valid.replace("NOTES", fine).getBytes(StandardCharsets.UTF_8)).dataJson()).as(fine).isNotEmpty();
        }
    }

    @Test
    void anEventStartingWithAUtf8ByteOrderMarkKeepsItsDataExactly() {
        String data = "{\"userId\":\"u\",\"task\":{\"title\":\"Café\"}}";
        byte[] json = ("\uFEFF{\"specversion\":\"1.0\",\"id\":\"e\",\"source\":\"/s\",\"type\":\"task.updated\",\"data\":" + data + "}")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(new String(format.parse(json).dataJson(), StandardCharsets.UTF_8)).isEqualTo(data);
    }

    @Test
    void theUtf8CheckAgreesWithTheJdksStrictDecoder() {
        java.util.Random random = new java.util.Random(8);
        for (int round = 0; round < 20_000; round++) {
            byte[] bytes = new byte[random.nextInt(12)];
            for (int i = 0; i < bytes.length; i++) {
                // Mostly bytes around the multi-byte boundaries, never a backslash (escapes are checked apart).
                int b = random.nextBoolean() ? 0x80 + random.nextInt(0x80) : random.nextInt(0x80);
                bytes[i] = (byte) (b == '\\' ? 'a' : b);
            }
            boolean decodes;
            try {
                StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
                decodes = true;
            } catch (java.nio.charset.CharacterCodingException e) {
                decodes = false;
            }
            assertThat(StoredJsonCheck.problem(bytes, 0, bytes.length) == null).as(java.util.HexFormat.of().formatHex(bytes)).isEqualTo(decodes);
        }
    }

    private static byte[] splice(byte[] text, String marker, byte[] replacement) {
        String asLatin = new String(text, StandardCharsets.ISO_8859_1);
        int at = asLatin.indexOf(marker);
        byte[] result = new byte[text.length - marker.length() + replacement.length];
        System.arraycopy(text, 0, result, 0, at);
        System.arraycopy(replacement, 0, result, at, replacement.length);
        System.arraycopy(text, at + marker.length(), result, at + replacement.length, text.length - at - marker.length());
        return result;
    }
}
