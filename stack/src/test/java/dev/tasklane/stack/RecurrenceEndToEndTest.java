package dev.tasklane.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tasklane.consumers.recurrence.RecurrenceHandler;
import dev.tasklane.consumers.recurrence.occurrence.EventTasks;
import dev.tasklane.core.clock.Hlc;
import dev.tasklane.core.id.TaskIds;
import dev.tasklane.core.merge.Mutation;
import dev.tasklane.core.merge.Mutations;
import dev.tasklane.core.merge.TaskState;
import dev.tasklane.core.recurrence.NextOccurrence;
import dev.tasklane.core.sync.SyncJson;
import dev.tasklane.core.sync.SyncRequest;
import dev.tasklane.core.task.Task;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The recurrence service in the running stack: completing a repeating task through REST continues
 * the series with exactly one next occurrence, however often the completion is delivered and even
 * when a desktop made the same occurrence offline (its edit is kept); the internal endpoint it
 * uses is on its own listener and needs the service token.
 */
class RecurrenceEndToEndTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static long counter(String name) {
        return StackExtension.stack().recurrence().metrics().counter(name);
    }

    private static boolean eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    private static int status(String token, String path) {
        try {
            return Http.call("GET", path, token, null).status();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aRestCompletionYieldsExactlyOneNextOccurrenceUnderTripleDeliveryAndADesktopsOfflineCopy() throws Exception {
        String token = Http.newUserToken();
        LocalDate due = LocalDate.now(ZoneOffset.UTC);
        JsonNode created = Http.call("POST", "/api/v1/tasks", token,
                "{\"title\":\"Water plants\",\"due\":\"" + due + "\",\"recurrence\":\"FREQ=DAILY\"}").body();
        String id = created.path("id").asText();
        UUID nextId = TaskIds.occurrenceId(UUID.fromString(id), 2);

        JsonNode completed = Http.call("POST", "/api/v1/tasks/" + id + "/complete", token, null).body();
        assertThat(eventually(() -> status(token, "/api/v1/tasks/" + nextId) == 200)).isTrue();

        // A desktop completed the same task offline: it made the same occurrence (same id) and the
        // user retitled it before it could sync. Its push arrives after the service's create.
        Task desktopsCompletion = EventTasks.read(completed);
        Task offlineCopy = NextOccurrence.after(desktopsCompletion, desktopsCompletion.completedAt().orElseThrow(),
                ZoneOffset.UTC, Instant.now()).orElseThrow().withTitle("Water plants on the balcony");
        Mutation push = Mutations.between(TaskState.empty(nextId), offlineCopy, new Hlc(System.currentTimeMillis(), 0, "laptop"),
                TaskIds.newMutationId());
        Http.Reply pushed = Http.call("POST", "/api/v1/sync", token,
                new SyncJson().write(new SyncRequest("laptop", 0, List.of(push))));
        assertThat(pushed.status()).isEqualTo(200);

        // Kafka delivers the completion twice more (as after a consumer crash before its commit).
        ConsumerRecord<String, byte[]> completion = KafkaRecords.read("task-events",
                r -> id.equals(r.key()) && new String(r.value()).contains("\"task.completed\""), 1, Duration.ofSeconds(30)).getFirst();
        long presentBefore = counter(RecurrenceHandler.PRESENT);
        KafkaRecords.send("task-events", id, completion.value(), completion.value());
        assertThat(eventually(() -> counter(RecurrenceHandler.PRESENT) >= presentBefore + 2)).isTrue();

        JsonNode open = Http.call("GET", "/api/v1/tasks?completed=false", token, null).body();
        assertThat(open.path("total").asInt()).isEqualTo(1);
        JsonNode next = open.path("items").get(0);
        assertThat(next.path("id").asText()).isEqualTo(nextId.toString());
        assertThat(next.path("title").asText()).isEqualTo("Water plants on the balcony");
        assertThat(next.path("due").asText()).isEqualTo(due.plusDays(1).toString());
        assertThat(next.path("series").asText()).isEqualTo(id + "#2");
        List<ConsumerRecord<String, byte[]>> triggered = KafkaRecords.read("task-events",
                r -> nextId.toString().equals(r.key()) && new String(r.value()).contains("\"task.recurring.triggered\""), 1,
                Duration.ofSeconds(20), Duration.ofSeconds(2));
        assertThat(triggered).hasSize(1);
        assertThat(MAPPER.readTree(triggered.getFirst().value()).path("data").path("completedTaskId").asText()).isEqualTo(id);
    }

    @Test
    void aSeriesThatReachedItsCountEndsWithoutANewTask() throws Exception {
        String token = Http.newUserToken();
        LocalDate due = LocalDate.now(ZoneOffset.UTC);
        String id = Http.call("POST", "/api/v1/tasks", token,
                "{\"title\":\"Once\",\"due\":\"" + due + "\",\"recurrence\":\"FREQ=DAILY;COUNT=1\"}").body().path("id").asText();
        long endedBefore = counter(RecurrenceHandler.ENDED);

        Http.call("POST", "/api/v1/tasks/" + id + "/complete", token, null);

        assertThat(eventually(() -> counter(RecurrenceHandler.ENDED) > endedBefore)).isTrue();
        assertThat(Http.call("GET", "/api/v1/tasks?completed=false", token, null).body().path("total").asInt()).isZero();
    }

    @Test
    void theInternalEndpointIsOnItsOwnListenerAndNeedsTheServiceToken() throws Exception {
        String path = "/internal/v1/users/" + UUID.randomUUID() + "/occurrences";
        int internalPort = StackExtension.stack().server().internalPort().orElseThrow();
        String body = "{\"completedTaskId\":\"" + UUID.randomUUID() + "\",\"mutation\":{}}";

        // The public listener has no /internal routes at all: even with the token nothing is created there
        // (an unknown route; 404 once unknown routes answer 404 everywhere).
        assertThat(post(StackExtension.stack().server().port(), path, "Bearer " + LocalStack.SERVICE_TOKEN, body).statusCode())
                .isGreaterThanOrEqualTo(400);
        assertThat(post(internalPort, path, null, body).statusCode()).isEqualTo(401);
        assertThat(post(internalPort, path, "Bearer wrong-token", body).statusCode()).isEqualTo(401);
        // With the token, only a well-formed occurrence is accepted.
        HttpResponse<String> notAnOccurrence = post(internalPort, path, "Bearer " + LocalStack.SERVICE_TOKEN, body);
        assertThat(notAnOccurrence.statusCode()).isEqualTo(400);
        assertThat(notAnOccurrence.headers().firstValue("Content-Type")).contains("application/problem+json");
    }

    private static HttpResponse<String> post(int port, String path, String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
