package dev.tasklane.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.tasklane.deploy.Chart.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every manifest the chart renders, under every example values file, must be a valid object of
 * its Kubernetes kind (strict fabric8 model: unknown fields and mistyped scalars fail). Custom
 * resources (Dapr, Prometheus Operator) have no model here; their shape is asserted in
 * {@link HelmChartTest} and they are listed explicitly, so a new kind cannot slip through.
 */
class KubernetesSchemaTest {

    private static final List<String> CUSTOM_RESOURCES = List.of(
            "dapr.io/v1alpha1/Component", "dapr.io/v2alpha1/Subscription", "monitoring.coreos.com/v1/ServiceMonitor");

    static Stream<Arguments> renderedManifests() {
        List<Arguments> all = new ArrayList<>();
        Map<String, Path[]> valueSets = Map.of(
                "default", new Path[0],
                "production", new Path[] {HelmChartTest.PRODUCTION},
                "dapr", new Path[] {HelmChartTest.DAPR},
                "ingress", new Path[] {HelmChartTest.INGRESS});
        valueSets.forEach((set, files) -> Chart.render(files).forEach(m -> all.add(Arguments.of(set + ": " + m.id(), m))));
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderedManifests")
    void everyRenderedManifestIsAValidKubernetesObject(String name, Manifest manifest) {
        String type = manifest.apiVersion() + "/" + manifest.kind();
        if (CUSTOM_RESOURCES.contains(type)) {
            assertThat(manifest.at("spec")).as(name + " has a spec").isPresent();
            return;
        }
        assertThat(StrictKubernetesModel.knows(manifest)).as("a model for " + type).isTrue();

        Object typed = StrictKubernetesModel.validate(manifest);

        assertThat(typed).isNotNull();
        assertThat(manifest.name()).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?").hasSizeLessThanOrEqualTo(63);
    }

    @Test
    void strictModelRejectsAnUnknownField() {
        Manifest deployment = Chart.get(Chart.render(), "Deployment", "tasklane-server");
        Map<String, Object> spec = deployment.map("spec.template.spec");
        spec.put("terminationGracePeriod", 30);

        assertThatThrownBy(() -> StrictKubernetesModel.validate(deployment))
                .hasMessageContaining("terminationGracePeriod");
    }

    @Test
    void strictModelRejectsAStringWhereTheApiWantsAnInteger() {
        Manifest deployment = Chart.get(Chart.render(), "Deployment", "tasklane-server");
        deployment.map("spec.template.spec").put("terminationGracePeriodSeconds", "45");

        assertThatThrownBy(() -> StrictKubernetesModel.validate(deployment))
                .hasMessageContaining("terminationGracePeriodSeconds");
    }
}
