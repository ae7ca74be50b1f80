package dev.tasklane.consumers.reminders;

import io.helidon.webserver.http.HttpRouting;

/** Starts the reminders service from environment variables (see {@link ReminderSettings}). */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        RemindersService service = RemindersService.start(ReminderSettings.fromEnvironment(System.getenv()));
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, "tasklane-reminders-shutdown"));
    }

    /** The reminders service's own routes: none beyond health, metrics and Dapr (which the kit adds). */
    public static void routing(HttpRouting.Builder routing) {
        // No routes of its own.
    }
}
