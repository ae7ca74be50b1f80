package dev.tasklane.core.sync;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tasklane.core.merge.Mutation;
import dev.tasklane.core.merge.TaskState;

/**
 * The one JSON encoding of replicated state and mutations, used by the desktop's store and
 * outbox and by the sync server. Records are read and written by their components only (field
 * visibility), so helper methods on core types never leak into the JSON; unknown properties are
 * refused.
 */
public final class SyncJson {

    private final ObjectMapper mapper = new ObjectMapper()
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    /** @throws IllegalArgumentException when the text is not a stored task state */
    public TaskState readState(String json) {
        return read(json, TaskState.class);
    }

    /** @throws IllegalArgumentException when the text is not a mutation */
    public Mutation readMutation(String json) {
        return read(json, Mutation.class);
    }

    /** @throws IllegalArgumentException when the text is not a sync request */
    public SyncRequest readSyncRequest(String json) {
        return read(json, SyncRequest.class);
    }

    /**
     * Lenient where requests are strict: a newer server may add response fields that an older
     * desktop does not know, and must not stop it from syncing.
     *
     * @throws IllegalArgumentException when the text is not a sync response
     */
    public SyncResponse readSyncResponse(String json) {
        try {
            return mapper.readerFor(SyncResponse.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a readable SyncResponse: " + e.getOriginalMessage(), e);
        }
    }

    private <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a readable " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
