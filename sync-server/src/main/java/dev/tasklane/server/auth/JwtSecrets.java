package dev.tasklane.server.auth;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * Rules for the HS256 signing secret. Anyone who knows it can mint a token for any user, so a
 * secret that was ever written into this repository (a test's, a bench's, an old default) is
 * refused at start-up; the list lives in {@code published-jwt-secrets.txt}.
 */
public final class JwtSecrets {

    /** The shortest secret accepted, in bytes (HS256 wants a key at least as long as its hash). */
    public static final int MIN_BYTES = 32;

    private JwtSecrets() {
    }

    /**
     * Checks a production secret.
     *
     * @throws IllegalArgumentException when it is too short or appears in the repository
     */
    public static void requireUsable(byte[] secret) {
        if (secret.length < MIN_BYTES) {
            throw new IllegalArgumentException("set TASKLANE_JWT_SECRET to a random string of at least " + MIN_BYTES + " bytes");
        }
        for (String published : published()) {
            if (MessageDigest.isEqual(published.getBytes(StandardCharsets.UTF_8), secret)) {
                throw new IllegalArgumentException("TASKLANE_JWT_SECRET is a secret published in the Tasklane repository;"
                        + " anyone could mint tokens with it. Generate one: openssl rand -base64 48");
            }
        }
    }

    /** A fresh random secret: 48 bytes from a SecureRandom, Base64url-encoded (64 characters). */
    public static String generate() {
        byte[] bytes = new byte[48];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The secrets that appear in the repository. */
    public static List<String> published() {
        try (InputStream in = JwtSecrets.class.getResourceAsStream("/published-jwt-secrets.txt")) {
            if (in == null) {
                throw new IllegalStateException("published-jwt-secrets.txt is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
