package dev.tasklane.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseTlsTest {

    @Test
    void verifyFullAndTheCaAreAddedToThePlainUrl() {
        DatabaseTls tls = DatabaseTls.fromEnvironment(Map.of("TASKLANE_DB_SSLMODE", "verify-full",
                "TASKLANE_DB_SSL_ROOT_CERT", "/etc/tasklane/db/ca.crt"));

        assertThat(tls.applyTo("jdbc:postgresql://db.example:25060/tasklane"))
                .isEqualTo("jdbc:postgresql://db.example:25060/tasklane?sslmode=verify-full&sslrootcert=%2Fetc%2Ftasklane%2Fdb%2Fca.crt");
    }

    @Test
    void aParameterAlreadyInTheUrlWins() {
        DatabaseTls tls = new DatabaseTls("require", "");

        assertThat(tls.applyTo("jdbc:postgresql://db/tasklane?sslmode=disable")).isEqualTo("jdbc:postgresql://db/tasklane?sslmode=disable");
    }

    @Test
    void verifyFullWithoutCaIsRefused() {
        assertThatThrownBy(() -> new DatabaseTls("verify-full", "").applyTo("jdbc:postgresql://db/tasklane"))
                .hasMessageContaining("TASKLANE_DB_SSL_ROOT_CERT");
    }

    @Test
    void nothingSetLeavesTheUrlAlone() {
        assertThat(DatabaseTls.fromEnvironment(Map.of()).applyTo("jdbc:postgresql://localhost:5432/tasklane"))
                .isEqualTo("jdbc:postgresql://localhost:5432/tasklane");
    }
}
