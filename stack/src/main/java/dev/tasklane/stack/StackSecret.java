package dev.tasklane.stack;

import dev.tasklane.server.auth.JwtSecrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * The local stack's JWT signing secret: {@code TASKLANE_JWT_SECRET} when set, otherwise a random
 * one generated on first start and kept in the stack's data folder ({@code jwt-secret}, readable
 * by its owner only), so tokens survive restarts and nobody else knows the key. There is no
 * built-in fallback: a secret written in the source is a secret everyone has.
 */
public final class StackSecret {

    static final String FILE = "jwt-secret";

    private StackSecret() {
    }

    /**
     * @throws IllegalArgumentException when the environment's secret is short or published in the repository
     */
    public static String resolve(Map<String, String> env, Path directory) {
        String configured = env.getOrDefault("TASKLANE_JWT_SECRET", "");
        if (!configured.isEmpty()) {
            JwtSecrets.requireUsable(configured.getBytes(StandardCharsets.UTF_8));
            return configured;
        }
        return loadOrCreate(directory);
    }

    static String loadOrCreate(Path directory) {
        Path file = directory.resolve(FILE);
        try {
            Files.createDirectories(directory);
            if (!Files.exists(file)) {
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, JwtSecrets.generate());
                } catch (UnsupportedOperationException e) {
                    Files.writeString(file, JwtSecrets.generate()); // not a POSIX file system (Windows)
                } catch (FileAlreadyExistsException e) {
                    // another start won the race; use its secret
                }
            }
            String secret = Files.readString(file).strip();
            JwtSecrets.requireUsable(secret.getBytes(StandardCharsets.UTF_8));
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }
}
