package dev.tasklane.server.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tasklane.server.testing.ApiClient;
import dev.tasklane.server.testing.RawHttp;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Metrics stay bounded whatever clients send (issue 7, finding 5); logs cannot be forged (finding 6). */
class ObservabilityTest {

    private static String scrape(RawHttp http) throws Exception {
        return http.send(RawHttp.request("GET", "/metrics", Map.of(), null)).body();
    }

    @Test
    void madeUpMethodsAndPathsDoNotAddMetricSeries() throws Exception {
        try (RawHttp http = new RawHttp(ApiClient.port(), 5_000)) {
            http.send(RawHttp.request("BREW", "/warm-up", Map.of(), null));
            http.send(RawHttp.request("GET", "/warm-up/" + "x".repeat(100), Map.of(), null));
            int before = scrape(http).length();
            for (int i = 0; i < 200; i++) {
                http.send(RawHttp.request("M" + i + "X".repeat(2000), "/api/v1/tasks", Map.of(), null));
                http.send(RawHttp.request("GET", "/nope/" + i + "/" + "y".repeat(500), Map.of(), null));
            }
            String after = scrape(http);
            assertThat(after.length() - before).as("growth of /metrics").isLessThan(600);
            assertThat(after).doesNotContain("XXXX").doesNotContain("yyyy");
        }
    }

    @Test
    void aLineBreakInThePathCannotForgeALogLine() throws Exception {
        Logger access = Logger.getLogger("dev.tasklane.server.access");
        Level level = access.getLevel();
        List<String> lines = new CopyOnWriteArrayList<>();
        JsonLogFormatter formatter = new JsonLogFormatter();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(formatter.format(record));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        access.setLevel(Level.INFO);
        access.addHandler(capture);
        try (RawHttp http = new RawHttp(ApiClient.port(), 5_000)) {
            http.send(RawHttp.request("GET", "/api/v1/nope%0d%0a%7B%22level%22:%22SEVERE%22%7D%0a", Map.of(), null));
            // The access record is written after the response went out.
            for (int i = 0; i < 100 && lines.isEmpty(); i++) {
                Thread.sleep(20);
            }
        } finally {
            access.removeHandler(capture);
            access.setLevel(level);
        }
        assertThat(lines).hasSize(1);
        String line = lines.getFirst();
        assertThat(line.strip()).doesNotContain("\n").doesNotContain("\r");
        assertThat(new ObjectMapper().readTree(line).path("path").asText()).isEqualTo("/api/v1/nope\r\n{\"level\":\"SEVERE\"}\n");
    }
}
