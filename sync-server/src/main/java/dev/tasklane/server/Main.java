package dev.tasklane.server;

import dev.tasklane.server.observe.JsonLogFormatter;

/** Starts the sync server from environment variables (see {@link ServerConfig}). */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        JsonLogFormatter.install();
        SyncServer server = SyncServer.start(ServerConfig.fromEnvironment(System.getenv()));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "tasklane-shutdown"));
    }
}
