package dev.tasklane.server.api;

import dev.tasklane.core.task.FieldError;
import java.util.List;

/**
 * A request the API refuses, with everything the RFC 9457 problem body needs: HTTP status, a
 * stable machine-readable code, a title, a detail sentence, and the offending fields if any.
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final String title;
    private final List<FieldError> fields;
    private long retryAfterSeconds = -1;
    private final java.util.Map<io.helidon.http.HeaderName, String> headers = new java.util.LinkedHashMap<>();

    public ApiException(int status, String code, String title, String detail, List<FieldError> fields) {
        super(detail);
        this.status = status;
        this.code = code;
        this.title = title;
        this.fields = List.copyOf(fields);
    }

    public static ApiException badRequest(String code, String detail) {
        return new ApiException(400, code, "Bad request", detail, List.of());
    }

    public static ApiException invalid(List<FieldError> fields) {
        return new ApiException(400, "validation_failed", "Validation failed",
                fields.size() == 1 ? fields.getFirst().message() : "Some fields are invalid.", fields);
    }

    public static ApiException unauthorized(String code, String detail) {
        return new ApiException(401, code, "Unauthorized", detail, List.of());
    }

    public static ApiException notFound(String detail) {
        return new ApiException(404, "not_found", "Not found", detail, List.of());
    }

    /** Adds a Retry-After (seconds) to the response. */
    public ApiException withRetryAfter(long seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }

    /** Adds a response header (e.g. {@code Allow} on a 405). */
    public ApiException withHeader(io.helidon.http.HeaderName name, String value) {
        headers.put(name, value);
        return this;
    }

    public java.util.Map<io.helidon.http.HeaderName, String> headers() {
        return java.util.Collections.unmodifiableMap(headers);
    }

    public java.util.OptionalLong retryAfterSeconds() {
        return retryAfterSeconds < 0 ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(retryAfterSeconds);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public List<FieldError> fields() {
        return fields;
    }
}
