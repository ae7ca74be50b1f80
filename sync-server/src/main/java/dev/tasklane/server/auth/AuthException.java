package dev.tasklane.server.auth;

/** An authentication request that cannot succeed; the reason maps to a stable problem code. */
public final class AuthException extends RuntimeException {

    /** Why, with the problem code clients see. */
    public enum Reason {
        INVALID_CREDENTIALS("invalid_credentials", "The email or password is wrong."),
        EMAIL_TAKEN("email_taken", "An account with this email already exists."),
        TOKEN_INVALID("token_invalid", "The token is unknown, expired or revoked; log in again."),
        MISSING_TOKEN("missing_token", "Send an access token: Authorization: Bearer <token>."),
        ACCESS_TOKEN_INVALID("invalid_token", "The access token is invalid or expired; refresh it."),
        TOKEN_REUSED("token_reused", "This refresh token was already used; every session from that login is now revoked.");

        private final String code;
        private final String message;

        Reason(String code, String message) {
            this.code = code;
            this.message = message;
        }

        public String code() {
            return code;
        }

        public String message() {
            return message;
        }
    }

    private final Reason reason;

    public AuthException(Reason reason) {
        super(reason.message());
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
