package dev.tasklane.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * values.schema.json turns operator mistakes into a failed install with a message naming the
 * value, instead of a rendered manifest that fails later (or, worse, silently does the wrong
 * thing). Each file in src/test/resources/bad-values is one mistake; its first line names the
 * value that the error must mention.
 */
class ValuesSchemaTest {

    static Stream<Path> badValuesFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/bad-values"))) {
            return files.sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badValuesFiles")
    void schemaRejectsBadValues(Path valuesFile) throws IOException {
        String culprit = Files.readAllLines(valuesFile).getFirst().replaceFirst("^#\\s*", "").trim();

        assertThatThrownBy(() -> Chart.renderText(valuesFile))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining(culprit.substring(culprit.lastIndexOf('.') + 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goodValuesFiles")
    void schemaAcceptsTheShippedExamples(Path valuesFile) {
        assertThat(Chart.render(valuesFile)).isNotEmpty();
    }

    static Stream<Path> goodValuesFiles() {
        return Stream.of(HelmChartTest.PRODUCTION, HelmChartTest.DAPR, HelmChartTest.INGRESS);
    }
}
