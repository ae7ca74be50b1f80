package dev.tasklane.server.db;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * Sorts a database failure by what the client should do. Only a failure of the database itself
 * (connection lost, pool exhausted, server shutting down, overloaded, a serialization conflict) is
 * "try again later" — a 503. A value the database refuses is the request's fault (4xx), and must
 * never be a 503: a client would retry it forever while health checks stay green.
 */
public final class DatabaseFailures {

    /** What a failure means for the client. */
    public enum Kind {
        /** Retry later: 503. */
        UNAVAILABLE,
        /** The request carried a value the database cannot store: 400. */
        BAD_DATA,
        /** Not a database failure, or one that is a server bug: 500. */
        OTHER
    }

    private DatabaseFailures() {
    }

    /** Classifies by the first {@link SQLException} in the cause chain. */
    public static Kind classify(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return classify(sql);
            }
        }
        return Kind.OTHER;
    }

    private static Kind classify(SQLException e) {
        if (e instanceof SQLTransientException || e instanceof SQLRecoverableException) {
            return Kind.UNAVAILABLE; // e.g. Hikari's "connection is not available" (a timeout)
        }
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String sqlClass = state.length() >= 2 ? state.substring(0, 2) : "";
        return switch (sqlClass) {
            // connection exception, transaction rollback (serialization, deadlock), insufficient
            // resources, operator intervention (shutdown, statement timeout), system error
            case "08", "40", "53", "57", "58" -> Kind.UNAVAILABLE;
            // data exception (bad encoding, NUL, out of range), integrity constraint violation
            case "22", "23" -> Kind.BAD_DATA;
            default -> Kind.OTHER;
        };
    }
}
