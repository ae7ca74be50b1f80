package dev.tasklane.consumers.recurrence.server;

import dev.tasklane.consumers.kit.handling.HandlingFailure;
import dev.tasklane.core.merge.Mutation;
import dev.tasklane.core.sync.SyncJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Calls the sync server's internal listener ({@code POST /internal/v1/users/{userId}/occurrences})
 * with the service token. The server creates the occurrence only if absent and says which.
 */
public final class OccurrenceClient {

    private static final Logger LOG = Logger.getLogger(OccurrenceClient.class.getName());

    /** What the server did. */
    public enum Result { CREATED, ALREADY_PRESENT }

    private final URI internalUrl;
    private final String serviceToken;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final SyncJson json = new SyncJson();

    /**
     * @param internalUrl  the sync server's internal base URL ({@code TASKLANE_SYNC_INTERNAL_URL})
     * @param serviceToken {@code TASKLANE_SERVICE_TOKEN}
     */
    public OccurrenceClient(URI internalUrl, String serviceToken) {
        this.internalUrl = internalUrl;
        this.serviceToken = serviceToken;
    }

    /**
     * @throws HandlingFailure.DependencyUnavailable when the server is away, busy or refuses the token (nothing is lost: the event waits)
     * @throws HandlingFailure.PoisonEvent           when the server rejects the occurrence as invalid (400): retrying cannot help
     */
    public Result createIfAbsent(UUID userId, UUID completedTaskId, Mutation create) {
        String body = "{\"completedTaskId\":\"" + completedTaskId + "\",\"mutation\":" + json.write(create) + "}";
        HttpRequest request = HttpRequest.newBuilder(internalUrl.resolve("/internal/v1/users/" + userId + "/occurrences"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + serviceToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new HandlingFailure.DependencyUnavailable("sync server unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HandlingFailure.DependencyUnavailable("interrupted", e);
        }
        return switch (response.statusCode()) {
            case 201 -> Result.CREATED;
            case 200 -> Result.ALREADY_PRESENT;
            case 400, 422 -> throw new HandlingFailure.PoisonEvent("sync server rejected the occurrence: " + response.body());
            case 401 -> {
                // A configuration error (wrong TASKLANE_SERVICE_TOKEN), not the event's fault: pause, keep the event.
                LOG.severe("the sync server refused the service token; check TASKLANE_SERVICE_TOKEN");
                throw new HandlingFailure.DependencyUnavailable("service token refused", null);
            }
            default -> throw new HandlingFailure.DependencyUnavailable("sync server answered " + response.statusCode(), null);
        };
    }
}
