package dev.tasklane.stack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** PostgreSQL from zonky's real binaries, with its data folder kept between runs. */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final int port;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, int port) {
        this.postgres = postgres;
        this.port = port;
    }

    /** @param port 0 picks a free port */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port) {
        return start(dataDirectory, port, true);
    }

    /**
     * @param port        0 picks a free port
     * @param stopsWithJvm PostgreSQL stops in its own shutdown hook; without it the owner must {@link #close()} it
     *                    (after the services using it, so none logs a lost database on the way down)
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port, boolean stopsWithJvm) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setRegisterShutdownHook(stopsWithJvm)
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    // Loopback only: the stack's PostgreSQL has a well-known password.
                    .setServerConfig("listen_addresses", "127.0.0.1");
            if (port != 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres postgres = builder.start();
            return new EmbeddedPostgresServer(postgres, postgres.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL in " + dataDirectory, e);
        }
    }

    /**
     * Like {@link #start} but with TLS on, as a managed PostgreSQL has it: clients can verify the
     * server against the CA that signed {@code certificate} (PEM chain) and its host name.
     */
    public static EmbeddedPostgresServer startWithTls(Path dataDirectory, Path certificate, Path privateKey) {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(true)
                    .setServerConfig("ssl", "on")
                    .setServerConfig("ssl_cert_file", certificate.toAbsolutePath().toString())
                    .setServerConfig("ssl_key_file", privateKey.toAbsolutePath().toString())
                    .start();
            return new EmbeddedPostgresServer(postgres, postgres.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL with TLS in " + dataDirectory, e);
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
