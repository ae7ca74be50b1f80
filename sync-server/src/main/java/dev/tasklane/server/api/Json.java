package dev.tasklane.server.api;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.tasklane.core.sync.SyncLimits;
import java.util.stream.Collectors;

/**
 * Strict JSON for the API: unknown properties, missing required values and wrong types are
 * refused with a 400 that names the property. Records bind by their components.
 */
public final class Json {

    private final ObjectMapper mapper = new ObjectMapper()
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
            .configure(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES, true)
            .configure(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES, true)
            .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);

    /** Parses a request body. */
    public <T> T read(byte[] body, Class<T> type) {
        if (body.length > SyncLimits.MAX_BODY_BYTES) {
            // Chunked bodies carry no Content-Length for the request filter to check.
            throw new ApiException(413, "body_too_large", "Payload too large",
                    "The body is " + body.length + " bytes; the limit is " + SyncLimits.MAX_BODY_BYTES + ".", java.util.List.of());
        }
        if (body.length == 0) {
            throw ApiException.badRequest("malformed_json", "The request body is empty; send a JSON object.");
        }
        try {
            T value = mapper.readValue(body, type);
            if (value == null) {
                throw ApiException.badRequest("wrong_type", "The body must be a JSON object, not null.");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw ApiException.badRequest("unknown_field", "Unknown field \"" + e.getPropertyName() + "\" at " + path(e) + ".");
        } catch (InvalidFormatException e) {
            throw ApiException.badRequest("wrong_type", "Field " + path(e) + " has an invalid value: " + e.getValue() + ".");
        } catch (MismatchedInputException e) {
            throw ApiException.badRequest("wrong_type", "Field " + path(e) + " is missing or has the wrong type.");
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("malformed_json", "The body is not valid JSON: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_value", String.valueOf(e.getMessage()));
        } catch (java.io.IOException e) {
            throw ApiException.badRequest("malformed_json", "The body could not be read.");
        }
    }

    /** Parses a body that must be a JSON object (for PATCH-style partial updates). */
    public com.fasterxml.jackson.databind.node.ObjectNode readObject(byte[] body) {
        com.fasterxml.jackson.databind.JsonNode node = read(body, com.fasterxml.jackson.databind.JsonNode.class);
        if (!(node instanceof com.fasterxml.jackson.databind.node.ObjectNode object)) {
            throw ApiException.badRequest("wrong_type", "The body must be a JSON object.");
        }
        return object;
    }

    public byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    private static String path(MismatchedInputException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
        return path.isEmpty() ? "(root)" : "\"" + path.replace(".[", "[") + "\"";
    }
}
