package dev.tasklane.stack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway certificate authority, made with the JDK's keytool, that signs a server
 * certificate for localhost/127.0.0.1, the way a managed database's CA signs its hosts. Files:
 * {@code ca.pem} (what clients trust), {@code server.p12} (key + chain, for the JVM broker),
 * {@code server.crt}/{@code server.key} (PEM, for PostgreSQL and Redis). Also a second, unrelated
 * CA ({@code other-ca.pem}) to prove that clients reject a server their CA did not sign.
 */
public record TestCertificateAuthority(Path directory, String storePassword) {

    public Path caPem() {
        return directory.resolve("ca.pem");
    }

    public Path otherCaPem() {
        return directory.resolve("other-ca.pem");
    }

    public Path serverKeyStore() {
        return directory.resolve("server.p12");
    }

    public Path serverCertificate() {
        return directory.resolve("server.crt");
    }

    public Path serverKey() {
        return directory.resolve("server.key");
    }

    public static TestCertificateAuthority create(Path directory) {
        TestCertificateAuthority ca = new TestCertificateAuthority(directory, "changeit-" + System.nanoTime());
        try {
            ca.generate();
        } catch (IOException | GeneralSecurityException | InterruptedException e) {
            throw new IllegalStateException("cannot create test certificates in " + directory, e);
        }
        return ca;
    }

    private void generate() throws IOException, GeneralSecurityException, InterruptedException {
        Files.createDirectories(directory);
        String ca = directory.resolve("ca.p12").toString();
        String other = directory.resolve("other-ca.p12").toString();
        String server = serverKeyStore().toString();
        keytool(null, "-genkeypair", "-keystore", ca, "-alias", "ca", "-dname", "CN=Tasklane Test CA", "-ext", "bc:c",
                "-keyalg", "RSA", "-keysize", "2048", "-validity", "2");
        keytool(null, "-genkeypair", "-keystore", other, "-alias", "ca", "-dname", "CN=Someone Else's CA", "-ext", "bc:c",
                "-keyalg", "RSA", "-keysize", "2048", "-validity", "2");
        keytool(null, "-genkeypair", "-keystore", server, "-alias", "server", "-dname", "CN=localhost",
                "-keyalg", "RSA", "-keysize", "2048", "-validity", "2");
        Files.write(caPem(), keytool(null, "-exportcert", "-rfc", "-keystore", ca, "-alias", "ca"));
        Files.write(otherCaPem(), keytool(null, "-exportcert", "-rfc", "-keystore", other, "-alias", "ca"));
        byte[] request = keytool(null, "-certreq", "-keystore", server, "-alias", "server");
        byte[] signed = keytool(request, "-gencert", "-rfc", "-keystore", ca, "-alias", "ca", "-validity", "2",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-ext", "KU=digitalSignature,keyEncipherment", "-ext", "EKU=serverAuth");
        keytool(null, "-importcert", "-noprompt", "-keystore", server, "-alias", "ca", "-file", caPem().toString());
        Path signedFile = directory.resolve("server-signed.pem");
        Files.write(signedFile, signed);
        keytool(null, "-importcert", "-noprompt", "-keystore", server, "-alias", "server", "-file", signedFile.toString());
        // The server certificate followed by the CA: the chain a TLS server presents.
        Files.writeString(serverCertificate(), new String(signed, StandardCharsets.US_ASCII)
                + Files.readString(caPem(), StandardCharsets.US_ASCII));
        writePrivateKeyPem(server);
    }

    private void writePrivateKeyPem(String keyStoreFile) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(keyStoreFile))) {
            store.load(in, storePassword.toCharArray());
        }
        PrivateKey key = (PrivateKey) store.getKey("server", storePassword.toCharArray());
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Files.writeString(serverKey(), pem);
        // PostgreSQL refuses a key file that others can read.
        Files.setPosixFilePermissions(serverKey(), PosixFilePermissions.fromString("rw-------"));
    }

    private byte[] keytool(byte[] input, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        command.addAll(List.of("-storepass", storePassword, "-keypass", storePassword, "-storetype", "PKCS12"));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
        if (input != null) {
            process.getOutputStream().write(input);
        }
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", arguments) + " failed: " + errors);
        }
        return output;
    }
}
