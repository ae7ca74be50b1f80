package dev.tasklane.stack.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tasklane.stack.LocalStack;
import dev.tasklane.stack.StackExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The three consumer images as a container runtime would run them, without one (as the server's
 * ServerImageIT does): each target/jib-image.tar (from `-Pimage package` of its module) unpacked
 * layer by layer into a root file system with /proc mounted, and the image's own entrypoint
 * started under {@code chroot} as the image's user against the local stack's Kafka, PostgreSQL,
 * Redis and sync server; the service must report healthy (ready: every dependency reached).
 * Needs root (as CI has) for chroot and mount.
 */
class ConsumerImagesIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "audit, dev.tasklane.consumers.audit.Main, 8083",
            "recurrence, dev.tasklane.consumers.recurrence.Main, 8082",
            "reminders, dev.tasklane.consumers.reminders.Main, 8081"})
    void consumerImageRunsItsMainAsTheUnprivilegedUserAndReportsHealthy(String service, String mainClass, int port) throws Exception {
        Path tar = Path.of(System.getProperty("tasklane.images", "../consumers")).resolve(service).resolve("target/jib-image.tar");
        assertThat(tar).as("built by -Pimage package").exists();
        assertThat(run("id", "-u").trim()).as("chroot and mount need root (CI runs as root)").isEqualTo("0");
        Path image = Files.createDirectories(work.resolve("image"));
        run("tar", "-xf", tar.toAbsolutePath().toString(), "-C", image.toString());
        JsonNode manifest = JSON.readTree(image.resolve("manifest.json").toFile()).get(0);
        JsonNode config = JSON.readTree(image.resolve(manifest.get("Config").asText()).toFile()).get("config");
        Path rootfs = Files.createDirectories(work.resolve("rootfs"));
        for (JsonNode layer : manifest.get("Layers")) {
            run("tar", "-xf", image.resolve(layer.asText()).toString(), "-C", rootfs.toString(), "--same-owner", "--same-permissions");
        }

        List<String> entrypoint = texts(config.get("Entrypoint"));
        assertThat(entrypoint.getFirst()).isEqualTo("/opt/java/bin/java");
        assertThat(entrypoint.getLast()).isEqualTo(mainClass);
        assertThat(config.get("User").asText()).isEqualTo("65532:65532");
        assertThat(config.get("ExposedPorts").has(port + "/tcp")).isTrue();
        assertThat(config.get("Labels").get("org.opencontainers.image.title").asText()).isEqualTo("tasklane-" + service);
        assertThat(rootfs.resolve("bin/sh")).as("no shell in the image").doesNotExist();

        LocalStack stack = StackExtension.stack();
        int listen = freePort();
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "TASKLANE_PORT", Integer.toString(listen),
                "TASKLANE_KAFKA_BOOTSTRAP", stack.kafka().bootstrapServers(),
                // A group of its own: the stack's in-process services keep their partitions.
                "TASKLANE_CONSUMER_GROUP", "image-test-" + service));
        switch (service) {
            case "audit" -> env.putAll(Map.of("TASKLANE_DB_URL", "jdbc:postgresql://127.0.0.1:" + stack.postgres().port() + "/postgres",
                    "TASKLANE_DB_USER", "postgres", "TASKLANE_DB_PASSWORD", "postgres"));
            case "recurrence" -> env.putAll(Map.of(
                    "TASKLANE_SYNC_INTERNAL_URL", "http://localhost:" + stack.server().internalPort().orElseThrow(),
                    "TASKLANE_SERVICE_TOKEN", LocalStack.SERVICE_TOKEN));
            default -> env.put("TASKLANE_REDIS_URL", stack.redis().url());
        }
        // Even /tmp is read-only for this run: the service must not need any writable path.
        run("chmod", "755", rootfs.resolve("tmp").toString());
        Path proc = Files.createDirectories(rootfs.resolve("proc"));
        run("mount", "-t", "proc", "proc", proc.toString());
        List<String> command = new ArrayList<>(List.of("chroot", "--userspec=65532:65532", rootfs.toString()));
        command.addAll(entrypoint);
        Path log = work.resolve(service + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        for (String entry : texts(config.get("Env"))) {
            builder.environment().put(entry.substring(0, entry.indexOf('=')), entry.substring(entry.indexOf('=') + 1));
        }
        builder.environment().putAll(env);
        Process process = builder.start();
        try {
            HttpResponse<String> health = awaitHealthy(listen, process, log);
            JsonNode body = JSON.readTree(health.body());
            assertThat(body.get("status").asText()).isEqualTo("UP");
            assertThat(body.toString()).contains("kafka");
            assertThat(Files.readString(Path.of("/proc/" + process.pid() + "/status")))
                    .as("the JVM runs as the image's user").containsPattern("Uid:\\s+65532\\s");
        } finally {
            process.destroy();
            boolean stopped = process.waitFor(30, TimeUnit.SECONDS);
            if (!stopped) {
                process.destroyForcibly().waitFor();
            }
            run("umount", proc.toString());
            assertThat(stopped).as("the service stops on SIGTERM\n" + Files.readString(log)).isTrue();
        }
    }

    private static HttpResponse<String> awaitHealthy(int port, Process process, Path log) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health"))
                .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plusSeconds(90);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("exited with " + process.exitValue() + "\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return response;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no healthy answer within 90 s\n" + Files.readString(log));
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }
}
