package dev.tasklane.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;

/**
 * The chart under test, rendered by real Helm (helm-java links Helm's Go code). Every render
 * targets the oldest Kubernetes version the chart supports (Chart.yaml kubeVersion).
 */
final class Chart {

    static final Path DIRECTORY = Path.of("tasklane");
    static final String KUBE_VERSION = "v1.33.0";
    static final String RELEASE = "tasklane";
    static final String NAMESPACE = "tasklane";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Chart() {
    }

    static Helm helm() {
        return new Helm(DIRECTORY);
    }

    /** Renders the chart with the given values files (relative to the module) and parses every document. */
    static List<Manifest> render(Path... valuesFiles) {
        return parse(renderText(valuesFiles));
    }

    static String renderText(Path... valuesFiles) {
        TemplateCommand template = helm().template()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        for (Path file : valuesFiles) {
            template = template.withValuesFile(file);
        }
        return template.call();
    }

    static List<Manifest> parse(String multiDocumentYaml) {
        List<Manifest> manifests = new ArrayList<>();
        try (YAMLParser parser = new YAMLFactory().createParser(multiDocumentYaml)) {
            var documents = YAML.readValues(parser, new TypeReference<Map<String, Object>>() { });
            while (documents.hasNext()) {
                Map<String, Object> document = documents.next();
                if (document != null && !document.isEmpty()) {
                    manifests.add(new Manifest(document));
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("rendered chart is not YAML: " + e.getMessage(), e);
        }
        return manifests;
    }

    static Optional<Manifest> find(List<Manifest> manifests, String kind, String name) {
        return manifests.stream().filter(m -> m.kind().equals(kind) && m.name().equals(name)).findFirst();
    }

    static Manifest get(List<Manifest> manifests, String kind, String name) {
        return find(manifests, kind, name).orElseThrow(() -> new AssertionError("no " + kind + " " + name + " rendered; got "
                + manifests.stream().map(Manifest::id).toList()));
    }

    static List<Manifest> ofKind(List<Manifest> manifests, String kind) {
        return manifests.stream().filter(m -> m.kind().equals(kind)).toList();
    }

    /** One rendered Kubernetes object as parsed YAML, with small path helpers for assertions. */
    record Manifest(Map<String, Object> body) {

        String apiVersion() {
            return (String) body.get("apiVersion");
        }

        String kind() {
            return (String) body.get("kind");
        }

        String name() {
            return (String) ((Map<?, ?>) body.get("metadata")).get("name");
        }

        String id() {
            return apiVersion() + "/" + kind() + "/" + name();
        }

        /** Value at a dotted path; numeric segments index lists. Empty when any step is missing. */
        Optional<Object> at(String path) {
            Object current = body;
            for (String step : path.split("\\.")) {
                if (current instanceof Map<?, ?> map) {
                    current = map.get(step);
                } else if (current instanceof List<?> list && step.matches("\\d+")) {
                    int index = Integer.parseInt(step);
                    current = index < list.size() ? list.get(index) : null;
                } else {
                    return Optional.empty();
                }
                if (current == null) {
                    return Optional.empty();
                }
            }
            return Optional.of(current);
        }

        Object get(String path) {
            return at(path).orElseThrow(() -> new AssertionError(id() + " has nothing at " + path));
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> list(String path) {
            return (List<Map<String, Object>>) get(path);
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> map(String path) {
            return (Map<String, Object>) get(path);
        }

        /** The container's env as name → value or name → "secret:NAME/KEY". */
        Map<String, String> env(int container) {
            Map<String, String> env = new java.util.LinkedHashMap<>();
            for (Map<String, Object> entry : list("spec.template.spec.containers." + container + ".env")) {
                Object value = entry.get("value");
                if (value == null) {
                    Map<?, ?> ref = (Map<?, ?>) ((Map<?, ?>) entry.get("valueFrom")).get("secretKeyRef");
                    value = "secret:" + ref.get("name") + "/" + ref.get("key");
                }
                env.put((String) entry.get("name"), String.valueOf(value));
            }
            return env;
        }
    }
}
