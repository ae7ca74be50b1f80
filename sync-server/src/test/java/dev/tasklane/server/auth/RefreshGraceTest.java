package dev.tasklane.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasklane.server.testing.PostgresExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A refresh token presented twice within the grace — a client whose sync engine and event stream
 * both refreshed after a restart, or whose refresh response was lost — keeps the session.
 */
@ExtendWith(PostgresExtension.class)
class RefreshGraceTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-27T10:00:00Z"));
    private final AccountService accounts;

    RefreshGraceTest(DataSource dataSource) {
        InstantSource clock = now::get;
        accounts = new AccountService(dataSource, new PasswordHasher(),
                new AccessTokens("refresh-grace-test-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(15), clock),
                Duration.ofDays(30), clock);
    }

    private TokenPair signIn() {
        String email = UUID.randomUUID() + "@example.test";
        accounts.register(email, "correct horse battery");
        return accounts.login(email, "correct horse battery", null);
    }

    @Test
    void presentingAJustRotatedTokenAgainReturnsTheSameSuccessor() {
        TokenPair first = signIn();
        TokenPair rotated = accounts.refresh(first.refreshToken());
        now.set(now.get().plusSeconds(5));
        TokenPair again = accounts.refresh(first.refreshToken());

        assertThat(again.refreshToken()).isEqualTo(rotated.refreshToken()).isNotEqualTo(first.refreshToken());
        // The session lives on: the successor rotates normally.
        assertThat(accounts.refresh(rotated.refreshToken()).refreshToken()).isNotEqualTo(rotated.refreshToken());
    }

    @Test
    void presentingAnOldTokenAfterTheGraceRevokesTheFamily() {
        TokenPair first = signIn();
        TokenPair rotated = accounts.refresh(first.refreshToken());
        now.set(now.get().plus(AccountService.REUSE_GRACE).plusSeconds(1));

        assertThatThrownBy(() -> accounts.refresh(first.refreshToken())).isInstanceOf(AuthException.class).hasMessageContaining("already used");
        assertThatThrownBy(() -> accounts.refresh(rotated.refreshToken())).isInstanceOf(AuthException.class);
    }

    @Test
    void presentingAnOldTokenAfterItsSuccessorWasUsedRevokesTheFamily() {
        TokenPair first = signIn();
        TokenPair rotated = accounts.refresh(first.refreshToken());
        TokenPair third = accounts.refresh(rotated.refreshToken());

        assertThatThrownBy(() -> accounts.refresh(first.refreshToken())).isInstanceOf(AuthException.class);
        assertThatThrownBy(() -> accounts.refresh(third.refreshToken())).isInstanceOf(AuthException.class);
    }

    @Test
    void aLoginWithoutADeviceNameGetsADefaultName() {
        assertThat(signIn().deviceId()).isNotNull();
    }
}
