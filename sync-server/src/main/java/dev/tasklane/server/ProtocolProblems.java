package dev.tasklane.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Answers what Helidon refuses before any route runs (unparsable request lines, oversized
 * headers, bad framing) with the same problem+json bodies as the API, and puts two of its answers
 * right: a request line Helidon cannot parse (a method with non-ASCII letters) is the client's
 * fault, a 400, not a 500; and an HTTP/1.0 request gets a 400 "use HTTP/1.1" — a 505 would claim
 * the major version is unsupported, which it is not, and would count as a server fault.
 */
final class ProtocolProblems implements DirectHandler {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status defaultStatus,
                                    ServerResponseHeaders headers, Throwable thrown) {
        return answer(request, eventType, defaultStatus, headers, thrown);
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status defaultStatus,
                                    ServerResponseHeaders headers, Throwable thrown, System.Logger logger) {
        return answer(request, eventType, defaultStatus, headers, thrown);
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status defaultStatus,
                                    ServerResponseHeaders headers, String message) {
        return answer(request, eventType, defaultStatus, headers, null);
    }

    private static TransportResponse answer(TransportRequest request, EventType eventType, Status defaultStatus,
                                            ServerResponseHeaders headers, Throwable thrown) {
        Status status = defaultStatus;
        String code;
        String detail;
        if (eventType == EventType.HTTP_VERSION_NOT_SUPPORTED && request.protocolVersion().endsWith("1.0")) {
            status = Status.BAD_REQUEST_400;
            code = "http_1_1_required";
            detail = "This server speaks HTTP/1.1; send the request as HTTP/1.1.";
        } else if (eventType == EventType.INTERNAL_ERROR && (isParseFailure(thrown) || notParsed(request))) {
            status = Status.BAD_REQUEST_400;
            code = "malformed_request";
            detail = "The request line or a header could not be parsed.";
        } else {
            code = switch (status.code()) {
                case 400 -> "malformed_request";
                case 413 -> "body_too_large";
                case 414 -> "uri_too_long";
                case 431 -> "headers_too_large";
                case 505 -> "http_version_not_supported";
                default -> status.code() >= 500 ? "internal_error" : "bad_request";
            };
            detail = status.code() >= 500 ? "Something went wrong on the server." : "The request could not be read as HTTP/1.1.";
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://tasklane.dev/problems/" + code);
        body.put("title", status.reasonPhrase());
        body.put("status", status.code());
        body.put("detail", detail);
        body.put("code", code);
        byte[] entity;
        try {
            entity = MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            entity = new byte[0];
        }
        headers.set(HeaderNames.CONTENT_TYPE, "application/problem+json");
        return TransportResponse.builder().status(status).headers(headers).keepAlive(false).entity(entity).build();
    }

    /**
     * Helidon reports a request line it could not parse (e.g. a method with non-ASCII letters) as
     * an internal error with no request at all; a fault after parsing always has the request.
     */
    private static boolean notParsed(TransportRequest request) {
        return request.method().isEmpty() && request.protocolVersion().isEmpty() && request.path().isEmpty();
    }

    /** An IllegalArgumentException thrown while Helidon parsed the request (e.g. a method token). */
    private static boolean isParseFailure(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof IllegalArgumentException && cause.getStackTrace().length > 0
                    && cause.getStackTrace()[0].getClassName().startsWith("io.helidon.http.")) {
                return true;
            }
        }
        return false;
    }
}
