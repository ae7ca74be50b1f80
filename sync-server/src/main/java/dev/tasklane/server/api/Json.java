package dev.tasklane.server.api;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tasklane.core.sync.SyncLimits;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.webserver.http.ServerRequest;
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
            .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true)
            // A number is a number: "cursor": "5" or 5.7 is a 400, not quietly read as 5.
            .configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false)
            .configure(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS, false);

    /**
     * Reads the JSON body of a request: no body is a 400 {@code empty_body}, a body that is not
     * declared as JSON ({@code application/json} or {@code +json}) is a 415.
     */
    public <T> T read(ServerRequest request, Class<T> type) {
        return read(body(request), type);
    }

    /** {@link #read(ServerRequest, Class)} for a body that must be a JSON object. */
    public ObjectNode readObject(ServerRequest request) {
        return readObject(body(request));
    }

    private static byte[] body(ServerRequest request) {
        if (!request.content().hasEntity()) {
            throw emptyBody();
        }
        boolean json = request.headers().contentType()
                .map(type -> type.test(MediaTypes.APPLICATION_JSON) || type.subtype().endsWith("+json"))
                .orElse(false);
        if (!json) {
            throw new ApiException(415, "unsupported_media_type", "Unsupported media type",
                    "Send the body as JSON with Content-Type: application/json.", java.util.List.of());
        }
        try {
            return request.content().as(byte[].class);
        } catch (io.helidon.http.HttpException e) {
            throw e; // Helidon's own answer, e.g. 413 past the hard payload limit
        } catch (RuntimeException e) {
            // Broken framing (a chunk size that is not hex, a chunk cut short) or a body that
            // stopped arriving: the request's fault. The connection's state is unknown, so close it.
            throw new ApiException(400, "malformed_body", "Bad request", "The request body could not be read: it is cut off "
                    + "or its chunked framing is invalid.", java.util.List.of())
                    .withHeader(io.helidon.http.HeaderNames.CONNECTION, "close");
        }
    }

    private static ApiException emptyBody() {
        return ApiException.badRequest("empty_body", "The request body is empty; send a JSON object.");
    }

    /** Parses a request body. */
    public <T> T read(byte[] body, Class<T> type) {
        if (body.length > SyncLimits.MAX_BODY_BYTES) {
            // Chunked bodies carry no Content-Length for the request filter to check.
            throw new ApiException(413, "body_too_large", "Payload too large",
                    "The body is " + body.length + " bytes; the limit is " + SyncLimits.MAX_BODY_BYTES + ".", java.util.List.of());
        }
        if (body.length == 0) {
            throw emptyBody();
        }
        try {
            JsonNode tree = mapper.readTree(body);
            if (tree == null || tree.isMissingNode()) {
                throw emptyBody();
            }
            rejectUnstorableText(tree, "");
            T value = mapper.treeToValue(tree, type);
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
    public ObjectNode readObject(byte[] body) {
        JsonNode node = read(body, JsonNode.class);
        if (!(node instanceof ObjectNode object)) {
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

    /**
     * Refuses text that no part of Tasklane can store faithfully, anywhere in a body: U+0000
     * (PostgreSQL text cannot hold it) and lone UTF-16 surrogates (they would be stored as "?").
     * The model checks its own fields too; this guard also covers emails, device names and ids.
     */
    private static void rejectUnstorableText(JsonNode node, String path) {
        if (node.isTextual()) {
            String problem = dev.tasklane.core.task.PlainText.problem(node.textValue());
            if (!problem.isEmpty()) {
                throw new ApiException(400, "invalid_text", "Bad request",
                        "Field " + (path.isEmpty() ? "(root)" : "\"" + path + "\"") + " " + problem, java.util.List.of(
                        new dev.tasklane.core.task.FieldError(path.isEmpty() ? "(root)" : path, "invalid_text", problem)));
            }
        } else if (node.isObject()) {
            var fields = node.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                String name = field.getKey();
                if (!dev.tasklane.core.task.PlainText.problem(name).isEmpty()) {
                    throw ApiException.badRequest("invalid_text", "A field name contains U+0000 or a lone surrogate.");
                }
                rejectUnstorableText(field.getValue(), path.isEmpty() ? name : path + "." + name);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                rejectUnstorableText(node.get(i), path + "[" + i + "]");
            }
        }
    }

    private static String path(MismatchedInputException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
        return path.isEmpty() ? "(root)" : "\"" + path.replace(".[", "[") + "\"";
    }
}
