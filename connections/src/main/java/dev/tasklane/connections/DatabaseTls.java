package dev.tasklane.connections;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * TLS of the PostgreSQL connection, from the environment (docs/operations.md). The managed
 * PostgreSQL on DigitalOcean takes {@code sslmode=verify-full} with the cluster's CA.
 *
 * @param sslMode     {@code TASKLANE_DB_SSLMODE}: a pgjdbc sslmode (disable, prefer, require, verify-ca, verify-full);
 *                    empty leaves pgjdbc's default
 * @param sslRootCert {@code TASKLANE_DB_SSL_ROOT_CERT}: the server's CA as a PEM file; empty leaves pgjdbc's default
 */
public record DatabaseTls(String sslMode, String sslRootCert) {

    public static final DatabaseTls NONE = new DatabaseTls("", "");

    public static DatabaseTls fromEnvironment(Map<String, String> env) {
        return new DatabaseTls(env.getOrDefault("TASKLANE_DB_SSLMODE", "").strip(),
                env.getOrDefault("TASKLANE_DB_SSL_ROOT_CERT", "").strip());
    }

    /**
     * Adds the TLS settings to the JDBC URL as pgjdbc parameters, so the URL from a Secret stays
     * the plain host/port/database the managed service prints, and the CA path stays in the chart.
     * A parameter already in the URL wins.
     *
     * @throws IllegalArgumentException for verify-full without a CA: pgjdbc would look for
     *                                  {@code ~/.postgresql/root.crt}, which a container does not have
     */
    public String applyTo(String jdbcUrl) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("sslmode", sslMode);
        parameters.put("sslrootcert", sslRootCert);
        String result = jdbcUrl;
        for (Map.Entry<String, String> setting : parameters.entrySet()) {
            String value = setting.getValue();
            if (!value.isBlank() && !result.matches("(?s).*[?&]" + setting.getKey() + "=.*")) {
                result += (result.contains("?") ? "&" : "?") + setting.getKey() + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
            }
        }
        if (sslMode.equals("verify-full") && !result.contains("sslrootcert=")) {
            throw new IllegalArgumentException("TASKLANE_DB_SSLMODE=verify-full needs TASKLANE_DB_SSL_ROOT_CERT (the server's CA, PEM)");
        }
        return result;
    }
}
