package dev.tasklane.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import redis.embedded.RedisServer;

/** A real redis-server binary (embedded-redis), on a fixed port of 127.0.0.1. */
public final class EmbeddedRedis implements AutoCloseable {

    private final RedisServer server;
    private final int port;

    private EmbeddedRedis(RedisServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static EmbeddedRedis start(int port) {
        try {
            // Loopback only: this Redis has no password.
            RedisServer server = RedisServer.newRedisServer().port(port).bind("127.0.0.1").build();
            server.start();
            return new EmbeddedRedis(server, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start redis-server on port " + port, e);
        }
    }

    /**
     * A TLS-only redis-server with a password, as a managed Valkey is: plain connections are off
     * ({@code port 0}), clients need no certificate of their own.
     */
    public static EmbeddedRedis startTls(int tlsPort, java.nio.file.Path certificate, java.nio.file.Path privateKey,
                                         java.nio.file.Path caCertificate, String password) {
        try {
            RedisServer server = RedisServer.newRedisServer()
                    .port(0)
                    .setting("tls-port " + tlsPort)
                    .setting("tls-cert-file " + certificate.toAbsolutePath())
                    .setting("tls-key-file " + privateKey.toAbsolutePath())
                    .setting("tls-ca-cert-file " + caCertificate.toAbsolutePath())
                    .setting("tls-auth-clients no")
                    .setting("requirepass " + password)
                    .build();
            server.start();
            return new EmbeddedRedis(server, tlsPort);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start redis-server with TLS on port " + tlsPort, e);
        }
    }

    /** The rediss:// URL of a server started by {@link #startTls}. */
    public String tlsUrl() {
        return "rediss://localhost:" + port;
    }

    public String url() {
        return "redis://localhost:" + port;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
