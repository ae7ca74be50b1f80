package dev.tasklane.server.api;

import static dev.tasklane.server.testing.ApiClient.assertProblem;
import static dev.tasklane.server.testing.ApiClient.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasklane.core.sync.SyncJson;
import dev.tasklane.core.sync.SyncResponse;
import dev.tasklane.server.testing.ApiClient;
import dev.tasklane.server.testing.ApiClient.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The REST task API: same merge path as sync, filters, bad input, and strict per-user isolation. */
class TasksApiTest {

    private String token;

    @BeforeEach
    void session() throws Exception {
        token = ApiClient.newSession().path("accessToken").asText();
    }

    private JsonNode create(String body) throws Exception {
        Reply reply = call("POST", "/api/v1/tasks", token, body);
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(201);
        return reply.body();
    }

    private List<String> titles(String query) throws Exception {
        Reply reply = call("GET", "/api/v1/tasks" + query, token, null);
        assertThat(reply.status()).isEqualTo(200);
        List<String> titles = new ArrayList<>();
        reply.body().path("items").forEach(item -> titles.add(item.path("title").asText()));
        return titles;
    }

    @Test
    void createGetPatchCompleteDelete() throws Exception {
        JsonNode created = create("{\"title\":\"Pay rent\",\"priority\":\"high\",\"tags\":[\"home\"],\"due\":\"2026-12-01T09:00[Europe/Berlin]\","
                + "\"recurrence\":\"FREQ=MONTHLY\"}");
        String id = created.path("id").asText();
        assertThat(created.path("due").asText()).isEqualTo("2026-12-01T09:00[Europe/Berlin]");
        assertThat(call("GET", "/api/v1/tasks/" + id, token, null).body().path("priority").asText()).isEqualTo("high");

        Reply patched = call("PATCH", "/api/v1/tasks/" + id, token, "{\"notes\":\"by bank transfer\",\"due\":null,\"recurrence\":null}");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.body().path("notes").asText()).isEqualTo("by bank transfer");
        assertThat(patched.body().path("title").asText()).isEqualTo("Pay rent");

        assertThat(call("POST", "/api/v1/tasks/" + id + "/complete", token, null).body().path("completed").asBoolean()).isTrue();
        assertThat(call("DELETE", "/api/v1/tasks/" + id, token, null).status()).isEqualTo(204);
        assertProblem(call("GET", "/api/v1/tasks/" + id, token, null), 404, "not_found");
    }

    @Test
    void restChangesReachDevicesThroughSync() throws Exception {
        String id = create("{\"title\":\"From a script\"}").path("id").asText();
        Reply pulled = call("POST", "/api/v1/sync", token, "{\"deviceId\":\"laptop\",\"cursor\":0,\"mutations\":[]}");
        SyncResponse response = new SyncJson().readSyncResponse(pulled.body().toString());
        assertThat(response.changes()).singleElement().satisfies(change -> {
            assertThat(change.state().taskId()).isEqualTo(UUID.fromString(id));
            assertThat(change.state().toTask().orElseThrow().title()).isEqualTo("From a script");
        });
    }

    @Test
    void listFiltersSortsAndPages() throws Exception {
        create("{\"title\":\"b\",\"priority\":\"low\",\"tags\":[\"work\"],\"due\":\"2026-12-02\"}");
        create("{\"title\":\"a\",\"priority\":\"high\",\"tags\":[\"home\"],\"due\":\"2026-12-05\"}");
        create("{\"title\":\"c milk\",\"notes\":\"oat\"}");
        assertThat(titles("?sort=title")).containsExactly("a", "b", "c milk");
        assertThat(titles("?sort=priority")).startsWith("a");
        assertThat(titles("?tag=WORK")).containsExactly("b");
        assertThat(titles("?priority=high")).containsExactly("a");
        assertThat(titles("?dueFrom=2026-12-03&dueTo=2026-12-31")).containsExactly("a");
        assertThat(titles("?q=oat")).containsExactly("c milk");
        assertThat(titles("?sort=title&limit=1&offset=1")).containsExactly("b");
        assertThat(titles("?completed=true")).isEmpty();
    }

    @Test
    void badInputNamesEachFieldAndSavesNothing() throws Exception {
        Reply reply = call("POST", "/api/v1/tasks", token,
                "{\"title\":\"" + "x".repeat(501) + "\",\"recurrence\":\"FREQ=SOMETIMES\",\"due\":\"2026-02-30\",\"colour\":\"red\"}");
        assertProblem(reply, 400, "validation_failed");
        List<String> fields = new ArrayList<>();
        reply.body().path("errors").forEach(error -> fields.add(error.path("field").asText()));
        assertThat(fields).contains("colour", "title", "recurrence", "due");
        assertThat(titles("")).isEmpty();
        assertProblem(call("POST", "/api/v1/tasks", token, "{\"notes\":\"no title\"}"), 400, "validation_failed");
        assertProblem(call("GET", "/api/v1/tasks/not-a-uuid", token, null), 400, "invalid_id");
        assertProblem(call("GET", "/api/v1/tasks?limit=100000", token, null), 400, "invalid_query");
        assertProblem(call("POST", "/api/v1/tasks", token, "{\"title\":\"x\",\"due\":\"2026-12-01T09:00[Mars/Olympus]\"}"),
                400, "validation_failed");
    }

    @Test
    void everyEndpointAnswers404ForAnotherUsersTask() throws Exception {
        String mine = create("{\"title\":\"Mine\"}").path("id").asText();
        String intruder = ApiClient.newSession().path("accessToken").asText();
        assertProblem(call("GET", "/api/v1/tasks/" + mine, intruder, null), 404, "not_found");
        assertProblem(call("PATCH", "/api/v1/tasks/" + mine, intruder, "{\"title\":\"pwned\"}"), 404, "not_found");
        assertProblem(call("DELETE", "/api/v1/tasks/" + mine, intruder, null), 404, "not_found");
        assertProblem(call("POST", "/api/v1/tasks/" + mine + "/complete", intruder, null), 404, "not_found");
        assertThat(call("GET", "/api/v1/tasks", intruder, null).body().path("total").asInt()).isZero();
        assertThat(call("GET", "/api/v1/tasks/" + mine, token, null).body().path("title").asText()).isEqualTo("Mine");
    }

    private static String push(String token, dev.tasklane.core.merge.Mutation mutation) throws Exception {
        return push(token, "device", mutation);
    }

    private static String push(String token, String deviceName, dev.tasklane.core.merge.Mutation mutation) throws Exception {
        SyncJson json = new SyncJson();
        Reply reply = call("POST", "/api/v1/sync", token, json.write(new dev.tasklane.core.sync.SyncRequest(deviceName, 0, List.of(mutation))));
        assertThat(reply.status()).isEqualTo(200);
        return reply.body().toString();
    }

    @Test
    void aRestEditWinsOverTheDeviceValueItReplacesEvenWhenTheDeviceClockRunsAhead() throws Exception {
        UUID id = UUID.fromString(create("{\"title\":\"Pay rent\"}").path("id").asText());
        dev.tasklane.core.merge.TaskState state = new SyncJson().readSyncResponse(
                call("POST", "/api/v1/sync", token, "{\"deviceId\":\"d\",\"cursor\":0,\"mutations\":[]}").body().toString())
                .changes().getFirst().state();
        // A device whose clock is three minutes ahead renames it.
        dev.tasklane.core.clock.Hlc ahead = new dev.tasklane.core.clock.Hlc(System.currentTimeMillis() + 180_000, 0, "fast-laptop");
        push(token, dev.tasklane.core.merge.Mutations.between(state, state.toTask().orElseThrow().withTitle("Pay rent (laptop)"),
                ahead, dev.tasklane.core.id.TaskIds.newMutationId()));

        Reply patched = call("PATCH", "/api/v1/tasks/" + id, token, "{\"title\":\"Pay rent by Friday\"}");

        assertThat(patched.body().path("title").asText()).isEqualTo("Pay rent by Friday");
        assertThat(call("GET", "/api/v1/tasks/" + id, token, null).body().path("title").asText()).isEqualTo("Pay rent by Friday");
    }

    @Test
    void conflictsOnTheServerAreListedForTheirOwnerOnly() throws Exception {
        UUID id = UUID.fromString(create("{\"title\":\"Pay rent\"}").path("id").asText());
        dev.tasklane.core.merge.TaskState state = new SyncJson().readSyncResponse(
                call("POST", "/api/v1/sync", token, "{\"deviceId\":\"d\",\"cursor\":0,\"mutations\":[]}").body().toString())
                .changes().getFirst().state();
        // Devices stamp above the value they replace (the server's clock may have run ahead).
        long now = Math.max(System.currentTimeMillis(), state.latestClock().wallMillis());
        push(token, "Ada's laptop", dev.tasklane.core.merge.Mutations.between(state, state.toTask().orElseThrow().withTitle("Laptop's title"),
                new dev.tasklane.core.clock.Hlc(now + 1_000, 0, "d-laptop-1"), dev.tasklane.core.id.TaskIds.newMutationId()));
        push(token, "Ada's phone", dev.tasklane.core.merge.Mutations.between(state, state.toTask().orElseThrow().withTitle("Phone's title"),
                new dev.tasklane.core.clock.Hlc(now + 2_000, 0, "d-phone-2"), dev.tasklane.core.id.TaskIds.newMutationId()));

        Reply conflicts = call("GET", "/api/v1/conflicts", token, null);
        assertThat(conflicts.status()).isEqualTo(200);
        assertThat(conflicts.body().path("items")).singleElement().satisfies(conflict -> {
            assertThat(conflict.path("taskId").asText()).isEqualTo(id.toString());
            assertThat(conflict.path("field").asText()).isEqualTo("title");
            assertThat(conflict.path("keptValue").asText()).isEqualTo("Phone's title");
            assertThat(conflict.path("lostValue").asText()).isEqualTo("Laptop's title");
            // Clock nodes are random ids; the owner reads the names the devices pushed under.
            assertThat(conflict.path("keptBy").asText()).isEqualTo("Ada's phone");
            assertThat(conflict.path("lostBy").asText()).isEqualTo("Ada's laptop");
        });
        assertThat(conflicts.body().path("writers").path("d-laptop-1").asText()).isEqualTo("Ada's laptop");
        assertThat(conflicts.body().path("writers").path("d-phone-2").asText()).isEqualTo("Ada's phone");
        String detectedAt = conflicts.body().path("items").get(0).path("detectedAt").asText();
        assertThat(call("GET", "/api/v1/conflicts?since=" + detectedAt, token, null).body().path("items")).hasSize(1);
        assertThat(call("GET", "/api/v1/conflicts?since=" + java.time.Instant.parse(detectedAt).plusMillis(1), token, null)
                .body().path("items")).isEmpty();
        assertProblem(call("GET", "/api/v1/conflicts?since=yesterday", token, null), 400, "invalid_query");
        String stranger = dev.tasklane.server.testing.ApiClient.newSession().path("accessToken").asText();
        assertThat(call("GET", "/api/v1/conflicts", stranger, null).body().path("items")).isEmpty();
        assertProblem(call("GET", "/api/v1/conflicts?limit=0", token, null), 400, "invalid_query");
    }
}
