package dev.tasklane.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Map;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redisson.config.Config;
import org.redisson.config.SingleServerConfig;

class RedisSecurityTest {

    @TempDir
    Path directory;

    @Test
    void passwordAndExactlyTheGivenCaReachTheRedissonConfig() throws Exception {
        X509Certificate ca = anyPublicCa();
        Path pem = directory.resolve("ca.crt");
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(ca.getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        SingleServerConfig server = new Config().useSingleServer().setAddress("rediss://valkey.example:25061");

        RedisSecurity.fromEnvironment(Map.of("TASKLANE_REDIS_PASSWORD", "valkey-pw", "TASKLANE_REDIS_CA_FILE", pem.toString()))
                .applyTo(server);

        assertThat(server.getPassword()).isEqualTo("valkey-pw");
        TrustManagerFactory trust = server.getSslTrustManagerFactory();
        assertThat(trust).isNotNull();
        X509TrustManager manager = (X509TrustManager) trust.getTrustManagers()[0];
        assertThat(manager.getAcceptedIssuers()).containsExactly(ca);
    }

    @Test
    void aFileWithoutCertificatesIsRefused() throws Exception {
        Path empty = Files.writeString(directory.resolve("empty.crt"), "");
        RedisSecurity security = new RedisSecurity("", java.util.Optional.of(empty.toString()));

        assertThatThrownBy(() -> security.applyTo(new Config().useSingleServer())).hasMessageContaining("TASKLANE_REDIS_CA_FILE");
    }

    @Test
    void noSettingsLeaveTheConfigAlone() {
        SingleServerConfig server = new Config().useSingleServer();

        RedisSecurity.fromEnvironment(Map.of()).applyTo(server);

        assertThat(server.getPassword()).isNull();
        assertThat(server.getSslTrustManagerFactory()).isNull();
    }

    private static X509Certificate anyPublicCa() throws Exception {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        return ((X509TrustManager) factory.getTrustManagers()[0]).getAcceptedIssuers()[0];
    }
}
