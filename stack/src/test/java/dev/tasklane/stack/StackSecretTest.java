package dev.tasklane.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.tasklane.server.auth.JwtSecrets;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dev stack cannot be used to mint tokens: its own random secret, kept private, served on loopback only (issue 7, finding 1). */
class StackSecretTest {

    @Test
    void aSecretIsGeneratedOnFirstStartAndKeptForTheNext(@TempDir Path directory) throws IOException {
        String first = StackSecret.resolve(Map.of(), directory);
        assertThat(first).hasSize(64);
        assertThat(StackSecret.resolve(Map.of(), directory)).isEqualTo(first);
        assertThat(StackSecret.resolve(Map.of(), directory.resolve("other"))).isNotEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve(StackSecret.FILE)))).isEqualTo("rw-------");
        assertThat(JwtSecrets.published()).doesNotContain(first);
    }

    @Test
    void aSecretPublishedInTheRepositoryIsRefusedFromTheEnvironment(@TempDir Path directory) {
        assertThatThrownBy(() -> StackSecret.resolve(Map.of("TASKLANE_JWT_SECRET", "local-stack-secret-not-for-production-0123456789"), directory))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theStacksServerListensOnLoopbackOnly() throws IOException {
        LocalStack stack = StackExtension.stack();
        assertThat(stack.replicaConfig(0).listener().host()).isEqualTo("127.0.0.1");
        Optional<InetAddress> external = NetworkInterface.networkInterfaces()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
                .findFirst();
        assumeThat(external).as("a non-loopback IPv4 address on this machine").isPresent();
        try (Socket socket = new Socket()) {
            assertThatThrownBy(() -> socket.connect(new InetSocketAddress(external.get(), stack.server().port()), 2_000))
                    .isInstanceOf(IOException.class);
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), stack.server().port()), 2_000);
            assertThat(socket.isConnected()).isTrue();
        }
    }
}
