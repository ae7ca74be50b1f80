package dev.tasklane.stack;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A consumer service as its own JVM, started the way a container starts it ({@code java … Main}
 * with environment variables), so a test can kill it with SIGKILL — no shutdown hook, no
 * graceful close, nothing flushed — and start it again. The class path is the test JVM's.
 */
final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String mainClass;
    private final Map<String, String> env;
    private final Path log;
    private final int port;
    private Process process;
    private int starts;

    /** @param env the service's settings; {@code TASKLANE_PORT} and {@code TASKLANE_HOST} are added */
    ServiceProcess(String mainClass, Map<String, String> env, Path logDirectory) throws IOException {
        this.mainClass = mainClass;
        this.port = freePort();
        this.env = new java.util.HashMap<>(env);
        this.env.put("TASKLANE_PORT", Integer.toString(port));
        this.env.put("TASKLANE_HOST", "127.0.0.1");
        this.log = logDirectory.resolve(mainClass.replaceAll(".*consumers\\.(\\w+)\\..*", "$1") + "-" + System.nanoTime() + ".log");
    }

    /** Starts the JVM and waits until its health endpoint answers 200 (ready). */
    ServiceProcess start() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), mainClass));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        process = builder.start();
        starts++;
        awaitHealthy(Duration.ofSeconds(60));
        return this;
    }

    /** SIGKILL: the JVM gets no chance to commit offsets, finish a batch or release a lease. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the killed process did not end");
        }
    }

    int port() {
        return port;
    }

    private void awaitHealthy(Duration timeout) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health"))
                .timeout(Duration.ofSeconds(3)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError(mainClass + " exited with " + process.exitValue() + "\n" + log());
            }
            try {
                if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(100);
        }
        throw new AssertionError(mainClass + " (start " + starts + ") not healthy within " + timeout + "\n" + log());
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
