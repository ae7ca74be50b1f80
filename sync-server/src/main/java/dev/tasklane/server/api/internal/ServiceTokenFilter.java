package dev.tasklane.server.api.internal;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Admits a request on the internal listener only with {@code Authorization: Bearer <service token>}
 * ({@code TASKLANE_SERVICE_TOKEN}, from a Kubernetes Secret shared with the consumer services).
 * Compared in constant time.
 */
public final class ServiceTokenFilter implements Filter {

    private final byte[] expected;

    public ServiceTokenFilter(String serviceToken) {
        this.expected = ("Bearer " + serviceToken).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        byte[] given = request.headers().first(HeaderNames.AUTHORIZATION).orElse("").getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, given)) {
            response.status(Status.UNAUTHORIZED_401);
            response.header(HeaderNames.CONTENT_TYPE, "application/problem+json");
            response.send("{\"type\":\"https://tasklane.dev/problems/service_token\",\"title\":\"Unauthorized\",\"status\":401,"
                    + "\"detail\":\"The internal API needs the service token.\",\"code\":\"service_token\"}");
            return;
        }
        chain.proceed();
    }
}
