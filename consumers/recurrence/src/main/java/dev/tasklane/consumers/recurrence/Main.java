package dev.tasklane.consumers.recurrence;

import io.helidon.webserver.http.HttpRouting;

/** Starts the recurrence service from environment variables (see {@link RecurrenceSettings}). */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        RecurrenceService service = RecurrenceService.start(RecurrenceSettings.fromEnvironment(System.getenv()));
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, "tasklane-recurrence-shutdown"));
    }

    /**
     * The recurrence service's own routes: none beyond health, metrics and Dapr (which the kit
     * adds); kept so tests and a future endpoint have the same entry point as the other services.
     */
    public static void routing(HttpRouting.Builder routing) {
        // No routes of its own.
    }
}
