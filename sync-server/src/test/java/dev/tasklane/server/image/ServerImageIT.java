package dev.tasklane.server.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tasklane.server.testing.PostgresExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sync server's image as a container runtime would run it, without one: the layers of
 * target/jib-image.tar (from `-Pimage package`) unpacked in order into a root file system, /proc
 * mounted, and the image's own entrypoint started under {@code chroot} as the image's user,
 * against the embedded PostgreSQL. Needs root (as CI has) for chroot and mount.
 */
class ServerImageIT {

    private static final Path IMAGE_TAR = Path.of("target/jib-image.tar");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;
    static Path rootfs;
    static JsonNode config;

    @BeforeAll
    static void unpackImage() throws Exception {
        assertThat(IMAGE_TAR).as("built by -Pimage package").exists();
        assertThat(run("id", "-u").trim()).as("chroot and mount need root (CI runs as root)").isEqualTo("0");
        Path image = Files.createDirectories(work.resolve("image"));
        run("tar", "-xf", IMAGE_TAR.toAbsolutePath().toString(), "-C", image.toString());
        JsonNode manifest = JSON.readTree(image.resolve("manifest.json").toFile()).get(0);
        config = JSON.readTree(image.resolve(manifest.get("Config").asText()).toFile()).get("config");
        rootfs = Files.createDirectories(work.resolve("rootfs"));
        // Docker-format image: layers apply in manifest order, each a (gzipped) tar.
        for (JsonNode layer : manifest.get("Layers")) {
            run("tar", "-xf", image.resolve(layer.asText()).toString(), "-C", rootfs.toString(), "--same-owner", "--same-permissions");
        }
    }

    @Test
    void imageConfigRunsTheJvmDirectlyAsTheUnprivilegedUser() {
        assertThat(texts(config.get("Entrypoint"))).containsExactly(
                "/opt/java/bin/java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-XX:-UsePerfData",
                "-Djava.io.tmpdir=/tmp", "-cp", "@/app/jib-classpath-file", "dev.tasklane.server.Main");
        assertThat(config.get("User").asText()).isEqualTo("65532:65532");
        assertThat(config.get("ExposedPorts").has("8080/tcp")).isTrue();
        assertThat(texts(config.get("Env"))).contains("JAVA_HOME=/opt/java", "PATH=/opt/java/bin");
        JsonNode labels = config.get("Labels");
        assertThat(labels.get("org.opencontainers.image.title").asText()).isEqualTo("tasklane-sync-server");
        assertThat(labels.get("org.opencontainers.image.version").asText()).isNotBlank();
        assertThat(labels.get("org.opencontainers.image.source").asText()).startsWith("https://");
    }

    @Test
    void rootFileSystemHasOnlyTheRuntimeAndNothingTheUserCanWrite() throws IOException {
        assertThat(rootfs.resolve("opt/java/bin/java")).isExecutable();
        assertThat(rootfs.resolve("lib64/ld-linux-x86-64.so.2")).exists();
        assertThat(rootfs.resolve("bin/sh")).as("no shell in the image").doesNotExist();
        assertThat(Files.readString(rootfs.resolve("etc/passwd"))).contains("nonroot:x:65532:65532:");
        assertThat(Files.readString(rootfs.resolve("usr/share/doc/tasklane-base/packages.txt"))).contains("Package: libc6");
        List<String> writable = new ArrayList<>();
        try (Stream<Path> files = Files.walk(rootfs)) {
            files.filter(f -> !f.equals(rootfs) && !f.equals(rootfs.resolve("tmp")) && !f.equals(rootfs.resolve("proc")))
                    .filter(f -> !Files.isSymbolicLink(f))
                    .forEach(f -> {
                        try {
                            PosixFileAttributes attributes = Files.readAttributes(f, PosixFileAttributes.class);
                            if (!attributes.owner().getName().equals("root")
                                    || attributes.permissions().contains(PosixFilePermission.OTHERS_WRITE)
                                    || attributes.permissions().contains(PosixFilePermission.GROUP_WRITE)) {
                                writable.add(rootfs.relativize(f) + " " + attributes.owner().getName() + " " + attributes.permissions());
                            }
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    });
        }
        assertThat(writable).isEmpty();
    }

    @Test
    void serverStartsFromTheImageAndReportsHealthy() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        // Even /tmp is made read-only for this run: the server must not need any writable path.
        run("chmod", "755", rootfs.resolve("tmp").toString());
        // A container runtime gives every container a /proc (the JVM finds its runtime through it).
        Path proc = Files.createDirectories(rootfs.resolve("proc"));
        run("mount", "-t", "proc", "proc", proc.toString());
        List<String> command = new ArrayList<>(List.of("chroot", "--userspec=65532:65532", rootfs.toString()));
        command.addAll(texts(config.get("Entrypoint")));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("server.log").toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        for (String entry : texts(config.get("Env"))) {
            env.put(entry.substring(0, entry.indexOf('=')), entry.substring(entry.indexOf('=') + 1));
        }
        env.put("TASKLANE_PORT", Integer.toString(port));
        env.put("TASKLANE_DB_URL", PostgresExtension.jdbcUrl());
        env.put("TASKLANE_DB_USER", "postgres");
        env.put("TASKLANE_DB_PASSWORD", "postgres");
        // A fresh secret: the server refuses secrets that appear in the repository.
        env.put("TASKLANE_JWT_SECRET", dev.tasklane.server.auth.JwtSecrets.generate());
        Process server = builder.start();
        try {
            HttpResponse<String> health = awaitHealth(port, server);
            assertThat(health.statusCode()).as(log()).isEqualTo(200);
            assertThat(JSON.readTree(health.body()).get("status").asText()).isEqualTo("UP");
            assertThat(Files.readString(Path.of("/proc/" + server.pid() + "/status")))
                    .as("the JVM runs as the image's user").containsPattern("Uid:\\s+65532\\s");
        } finally {
            server.destroy();
            boolean stopped = server.waitFor(30, TimeUnit.SECONDS);
            if (!stopped) {
                server.destroyForcibly().waitFor();
            }
            run("umount", proc.toString());
            run("chmod", "777", rootfs.resolve("tmp").toString());
            assertThat(stopped).as("the server stops on SIGTERM\n" + log()).isTrue();
        }
    }

    private static HttpResponse<String> awaitHealth(int port, Process server) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health"))
                .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plusSeconds(90);
        IOException last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!server.isAlive()) {
                throw new AssertionError("the server exited with " + server.exitValue() + "\n" + log());
            }
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return response;
                }
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no healthy answer within 90 s (" + last + ")\n" + log());
    }

    private static String log() {
        try {
            return Files.readString(work.resolve("server.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
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
