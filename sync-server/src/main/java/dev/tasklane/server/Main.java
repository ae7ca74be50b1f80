package dev.tasklane.server;

/** Starts the sync server from environment variables (see {@link ServerConfig}). */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        SyncServer server = SyncServer.start(ServerConfig.fromEnvironment(System.getenv()));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "tasklane-shutdown"));
    }
}
