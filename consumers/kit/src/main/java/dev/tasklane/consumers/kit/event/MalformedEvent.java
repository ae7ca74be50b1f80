package dev.tasklane.consumers.kit.event;

/** A record or request body that is not a usable task event; it can never succeed, so it is poison. */
public final class MalformedEvent extends RuntimeException {

    public MalformedEvent(String message) {
        super(message);
    }

    public MalformedEvent(String message, Throwable cause) {
        super(message, cause);
    }
}
