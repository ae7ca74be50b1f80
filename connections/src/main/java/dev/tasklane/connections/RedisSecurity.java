package dev.tasklane.connections;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.TrustManagerFactory;
import org.redisson.config.SingleServerConfig;

/**
 * Credentials and TLS trust for Redis / Valkey. TLS itself is chosen by the URL's scheme
 * ({@code rediss://}); the managed Valkey on DigitalOcean is TLS only, with a password.
 *
 * @param password {@code TASKLANE_REDIS_PASSWORD}; empty = no AUTH
 * @param caFile   {@code TASKLANE_REDIS_CA_FILE}: PEM CA to trust instead of the JDK's public CAs
 */
public record RedisSecurity(String password, Optional<String> caFile) {

    public static final RedisSecurity NONE = new RedisSecurity("", Optional.empty());

    public static RedisSecurity fromEnvironment(Map<String, String> env) {
        String ca = env.getOrDefault("TASKLANE_REDIS_CA_FILE", "");
        return new RedisSecurity(env.getOrDefault("TASKLANE_REDIS_PASSWORD", ""), ca.isBlank() ? Optional.empty() : Optional.of(ca));
    }

    /** Applies the password and the trusted CA to a Redisson server config. */
    public void applyTo(SingleServerConfig server) {
        if (!password.isEmpty()) {
            server.setPassword(password);
        }
        caFile.ifPresent(file -> server.setSslTrustManagerFactory(trustManagers(Path.of(file))));
    }

    private static TrustManagerFactory trustManagers(Path pemFile) {
        try (InputStream pem = Files.newInputStream(pemFile)) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int index = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
                trusted.setCertificateEntry("ca-" + index++, certificate);
            }
            if (index == 0) {
                throw new IllegalArgumentException("TASKLANE_REDIS_CA_FILE " + pemFile + " holds no certificate");
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            return factory;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read TASKLANE_REDIS_CA_FILE " + pemFile + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "RedisSecurity[password=" + (password.isEmpty() ? "none" : "set") + ", caFile=" + caFile.orElse("") + "]";
    }
}
