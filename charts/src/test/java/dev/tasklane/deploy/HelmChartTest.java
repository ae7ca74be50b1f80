package dev.tasklane.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import dev.tasklane.deploy.Chart.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chart rendered by real Helm with default, production-like, Dapr and Ingress values. */
class HelmChartTest {

    static final Path PRODUCTION = Chart.DIRECTORY.resolve("ci/production-values.yaml");
    static final Path DAPR = Chart.DIRECTORY.resolve("ci/dapr-values.yaml");
    static final Path INGRESS = Path.of("src/test/resources/ingress-values.yaml");
    private static final List<String> WORKLOADS = List.of("server", "reminders", "recurrence", "audit");

    @Test
    void lintPassesInStrictMode() {
        LintResult result = Chart.helm().lint().strict().call();

        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
    }

    @Test
    void defaultValuesRenderTheServerAndAllThreeConsumers() {
        List<Manifest> manifests = Chart.render();

        assertThat(Chart.ofKind(manifests, "Deployment")).extracting(Manifest::name)
                .containsExactlyInAnyOrder("tasklane-server", "tasklane-reminders", "tasklane-recurrence", "tasklane-audit");
        assertThat(Chart.ofKind(manifests, "Service")).extracting(Manifest::name)
                .containsExactlyInAnyOrder("tasklane-server", "tasklane-server-internal", "tasklane-reminders", "tasklane-recurrence",
                        "tasklane-audit");
        assertThat(Chart.get(manifests, "Deployment", "tasklane-reminders").get("spec.template.spec.containers.0.image"))
                .isEqualTo("registry.digitalocean.com/tasklane/tasklane-reminders:0.1.0");
        assertThat(Chart.ofKind(manifests, "Component")).isEmpty();
        assertThat(Chart.ofKind(manifests, "ServiceMonitor")).isEmpty();
    }

    @Test
    void everyWorkloadRunsNonRootOnAReadOnlyRootWithNoCapabilities() {
        List<Manifest> manifests = Chart.render();
        for (String workload : WORKLOADS) {
            Manifest deployment = Chart.get(manifests, "Deployment", "tasklane-" + workload);

            assertThat(deployment.get("spec.template.spec.securityContext.runAsNonRoot")).isEqualTo(true);
            assertThat(deployment.get("spec.template.spec.securityContext.seccompProfile.type")).isEqualTo("RuntimeDefault");
            assertThat(deployment.get("spec.template.spec.automountServiceAccountToken")).isEqualTo(false);
            assertThat(deployment.map("spec.template.spec.containers.0.securityContext"))
                    .containsEntry("readOnlyRootFilesystem", true)
                    .containsEntry("allowPrivilegeEscalation", false)
                    .containsEntry("capabilities", Map.of("drop", List.of("ALL")));
            assertThat(deployment.map("spec.template.spec.containers.0.resources.limits")).containsKey("memory");
            // The only writable place is an emptyDir on /tmp.
            assertThat(deployment.get("spec.template.spec.containers.0.volumeMounts.0.mountPath")).isEqualTo("/tmp");
            assertThat(deployment.get("spec.template.spec.volumes.0.emptyDir.sizeLimit")).isEqualTo("64Mi");
            assertThat(deployment.env(0)).containsEntry("JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError");
        }
    }

    @Test
    void passwordsKeysAndUrlsWithCredentialsComeOnlyFromSecrets() {
        for (List<Manifest> manifests : List.of(Chart.render(), Chart.render(PRODUCTION), Chart.render(DAPR))) {
            for (Manifest deployment : Chart.ofKind(manifests, "Deployment")) {
                Map<String, String> env = deployment.env(0);
                env.forEach((name, value) -> {
                    if (name.matches(".*(PASSWORD|SECRET|DB_URL|USERNAME|SERVICE_TOKEN).*")) {
                        assertThat(value).as(deployment.id() + " " + name).startsWith("secret:");
                    }
                });
                assertThat(env.values()).noneMatch(v -> v.matches("(?s).*://[^/\\s]+:[^/\\s]+@.*"));
            }
        }
    }

    @Test
    void serverTakesItsConfigurationFromTheDocumentedVariables() {
        Manifest server = Chart.get(Chart.render(PRODUCTION), "Deployment", "tasklane-server");

        assertThat(server.env(0))
                .containsEntry("TASKLANE_PORT", "8080")
                .containsEntry("TASKLANE_JWT_SECRET", "secret:tasklane-jwt/secret")
                .containsEntry("TASKLANE_DB_URL", "secret:tasklane-database/url")
                .containsEntry("TASKLANE_DB_PASSWORD", "secret:tasklane-database/password")
                .containsEntry("TASKLANE_DB_SSLMODE", "verify-full")
                .containsEntry("TASKLANE_DB_SSL_ROOT_CERT", "/etc/tasklane/ca/postgres-ca.crt")
                .containsEntry("TASKLANE_KAFKA_BOOTSTRAP",
                        "db-kafka-tasklane-prod-0.b.db.ondigitalocean.com:25073,db-kafka-tasklane-prod-1.b.db.ondigitalocean.com:25073")
                .containsEntry("TASKLANE_KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
                .containsEntry("TASKLANE_KAFKA_SASL_MECHANISM", "SCRAM-SHA-256")
                .containsEntry("TASKLANE_KAFKA_USERNAME", "secret:tasklane-kafka-server/username")
                .containsEntry("TASKLANE_KAFKA_CA_FILE", "/etc/tasklane/ca/kafka-ca.crt")
                .containsEntry("TASKLANE_REDIS_URL", "rediss://private-db-valkey-tasklane-prod.b.db.ondigitalocean.com:25061")
                .containsEntry("TASKLANE_REDIS_PASSWORD", "secret:tasklane-redis/password")
                .containsEntry("TASKLANE_AUDIT_URL", "http://tasklane-audit:8083")
                .containsEntry("TASKLANE_INTERNAL_PORT", "8081")
                .containsEntry("TASKLANE_SERVICE_TOKEN", "secret:tasklane-service-token/token");
        assertThat(server.list("spec.template.spec.containers.0.ports")).extracting(p -> p.get("name"), p -> p.get("containerPort"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("http", 8080), org.assertj.core.groups.Tuple.tuple("internal", 8081));
        assertThat(server.get("spec.template.spec.containers.0.image"))
                .isEqualTo("registry.digitalocean.com/tasklane-prod/tasklane-sync-server:3f2c1ab");
        // The CA files the variables point at are mounted from the Secrets.
        assertThat(server.list("spec.template.spec.volumes.1.projected.sources")).extracting(s -> s.get("secret"))
                .containsExactly(
                        Map.of("name", "tasklane-database", "items", List.of(Map.of("key", "ca.crt", "path", "postgres-ca.crt"))),
                        Map.of("name", "tasklane-kafka-ca", "items", List.of(Map.of("key", "ca.crt", "path", "kafka-ca.crt"))));
    }

    @Test
    void consumersGetOnlyTheBackendsTheyUse() {
        List<Manifest> manifests = Chart.render(PRODUCTION);
        Map<String, String> reminders = Chart.get(manifests, "Deployment", "tasklane-reminders").env(0);
        Map<String, String> audit = Chart.get(manifests, "Deployment", "tasklane-audit").env(0);

        assertThat(reminders).containsEntry("TASKLANE_CONSUMER_GROUP", "tasklane-reminders")
                .containsEntry("TASKLANE_DLQ_TOPIC", "task-events.dlq")
                .containsEntry("TASKLANE_KAFKA_USERNAME", "secret:tasklane-kafka-consumers/username")
                .containsKey("TASKLANE_REDIS_URL")
                .doesNotContainKey("TASKLANE_DB_URL");
        assertThat(audit).containsEntry("TASKLANE_PORT", "8083").containsKey("TASKLANE_DB_URL")
                .doesNotContainKeys("TASKLANE_REDIS_URL", "TASKLANE_JWT_SECRET", "TASKLANE_SERVICE_TOKEN");
    }

    @Test
    void recurrenceReachesTheServersInternalListenerWithTheServiceToken() {
        List<Manifest> manifests = Chart.render(PRODUCTION);
        Map<String, String> recurrence = Chart.get(manifests, "Deployment", "tasklane-recurrence").env(0);
        Manifest internal = Chart.get(manifests, "Service", "tasklane-server-internal");
        Manifest publicService = Chart.get(manifests, "Service", "tasklane-server");

        // What RecurrenceSettings reads; the server reads the same Secret (see above).
        assertThat(recurrence).containsEntry("TASKLANE_SYNC_INTERNAL_URL", "http://tasklane-server-internal:8081")
                .containsEntry("TASKLANE_SERVICE_TOKEN", "secret:tasklane-service-token/token")
                // It creates occurrences through the server, never in the database.
                .doesNotContainKeys("TASKLANE_DB_URL", "TASKLANE_DB_PASSWORD", "TASKLANE_REDIS_URL");
        assertThat(internal.list("spec.ports")).containsExactly(
                Map.of("name", "internal", "port", 8081, "targetPort", "internal", "protocol", "TCP", "appProtocol", "http"));
        assertThat(internal.map("spec.selector")).isEqualTo(publicService.map("spec.selector"));
        // The public Service (the route's backend) never exposes the internal port.
        assertThat(publicService.list("spec.ports")).extracting(p -> p.get("targetPort")).containsExactly("http");
    }

    @Test
    void internalPortEqualToThePublicPortIsRefused(@TempDir Path directory) throws IOException {
        Path values = Files.writeString(directory.resolve("same-port.yaml"), "server:\n  internalPort: 8080\n");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Chart.renderText(values))
                .hasMessageContaining("server.internalPort must differ from server.port");
    }

    @Test
    void probesUseTheHealthEndpoints() {
        List<Manifest> manifests = Chart.render();
        Manifest server = Chart.get(manifests, "Deployment", "tasklane-server");
        Manifest audit = Chart.get(manifests, "Deployment", "tasklane-audit");

        assertThat(server.get("spec.template.spec.containers.0.readinessProbe.httpGet.path")).isEqualTo("/observe/health/ready");
        assertThat(server.get("spec.template.spec.containers.0.livenessProbe.httpGet.path")).isEqualTo("/observe/health/live");
        assertThat(server.get("spec.template.spec.containers.0.startupProbe.httpGet.path")).isEqualTo("/observe/health/live");
        assertThat(audit.get("spec.template.spec.containers.0.readinessProbe.httpGet.path")).isEqualTo("/observe/health");
        assertThat(audit.get("spec.template.spec.containers.0.readinessProbe.httpGet.port")).isEqualTo("http");
        assertThat(audit.get("spec.template.spec.containers.0.ports.0.containerPort")).isEqualTo(8083);
    }

    @Test
    void auditIsReplacedWholeSoNoOldPodWritesAMigratedLog(@TempDir Path directory) throws IOException {
        List<Manifest> manifests = Chart.render();

        // The new audit version migrates its schema on start (V2 changed the log's columns):
        // old pods must be gone before it starts, or they fail every insert and dead-letter events.
        assertThat(Chart.get(manifests, "Deployment", "tasklane-audit").get("spec.strategy.type")).isEqualTo("Recreate");
        assertThat(Chart.get(manifests, "Deployment", "tasklane-reminders").get("spec.strategy.type")).isEqualTo("RollingUpdate");
        assertThat(Chart.get(manifests, "Deployment", "tasklane-recurrence").get("spec.strategy.type")).isEqualTo("RollingUpdate");
        // It answers its probe only after migrating: the allowance is a value an operator raises for a big log.
        assertThat(Chart.get(manifests, "Deployment", "tasklane-audit").get("spec.template.spec.containers.0.startupProbe.failureThreshold"))
                .isEqualTo(60);
        Path bigLog = Files.writeString(directory.resolve("big-log.yaml"), "consumers:\n  audit:\n    startupSeconds: 600\n");
        assertThat(Chart.get(Chart.render(bigLog), "Deployment", "tasklane-audit")
                .get("spec.template.spec.containers.0.startupProbe.failureThreshold")).isEqualTo(300);
    }

    @Test
    void serverDrainsStreamsBeforeItStops() {
        Manifest server = Chart.get(Chart.render(), "Deployment", "tasklane-server");

        int preStop = (Integer) server.get("spec.template.spec.containers.0.lifecycle.preStop.sleep.seconds");
        int grace = (Integer) server.get("spec.template.spec.terminationGracePeriodSeconds");
        assertThat(preStop).isEqualTo(15);
        // Grace covers the preStop pause plus the server's own shutdown (streams closed, pool drained).
        assertThat(grace).isGreaterThanOrEqualTo(preStop + 20);
        assertThat(server.get("spec.strategy.rollingUpdate.maxUnavailable")).isEqualTo(0);
    }

    @Test
    void serverScalesWithAnHpaAndKeepsAReplicaThroughDisruptions() {
        List<Manifest> manifests = Chart.render(PRODUCTION);
        Manifest hpa = Chart.get(manifests, "HorizontalPodAutoscaler", "tasklane-server");
        Manifest pdb = Chart.get(manifests, "PodDisruptionBudget", "tasklane-server");

        assertThat(hpa.apiVersion()).isEqualTo("autoscaling/v2");
        assertThat(hpa.map("spec.scaleTargetRef")).containsEntry("kind", "Deployment").containsEntry("name", "tasklane-server");
        assertThat(hpa.get("spec.minReplicas")).isEqualTo(3);
        assertThat(hpa.get("spec.maxReplicas")).isEqualTo(10);
        assertThat(hpa.get("spec.metrics.0.resource.target.averageUtilization")).isEqualTo(70);
        // With the HPA on, the Deployment must not pin replicas (each upgrade would reset them).
        assertThat(Chart.get(manifests, "Deployment", "tasklane-server").at("spec.replicas")).isEmpty();
        assertThat(pdb.get("spec.minAvailable")).isEqualTo(1);
        assertThat(pdb.map("spec.selector.matchLabels"))
                .isEqualTo(Chart.get(manifests, "Deployment", "tasklane-server").map("spec.selector.matchLabels"));
        assertThat(Chart.find(manifests, "PodDisruptionBudget", "tasklane-reminders")).isPresent();
        assertThat(Chart.find(manifests, "PodDisruptionBudget", "tasklane-audit")).isEmpty();
    }

    @Test
    void httpRouteTurnsTheRequestTimeoutOffForTheEventStream() {
        Manifest route = Chart.get(Chart.render(PRODUCTION), "HTTPRoute", "tasklane-server");

        assertThat(route.get("spec.hostnames")).isEqualTo(List.of("sync.tasklane.example"));
        assertThat(route.get("spec.parentRefs.0.name")).isEqualTo("tasklane");
        assertThat(route.get("spec.rules.0.matches.0.path.value")).isEqualTo("/api/v1/events");
        assertThat(route.get("spec.rules.0.timeouts.request")).isEqualTo("0s");
        assertThat(route.get("spec.rules.1.matches.0.path.value")).isEqualTo("/api/");
        assertThat(route.get("spec.rules.1.backendRefs.0.name")).isEqualTo("tasklane-server");
        assertThat(route.get("spec.rules.1.backendRefs.0.port")).isEqualTo(80);
    }

    @Test
    void productionCreatesAGatewayOnTheManagedClassWithTls() {
        List<Manifest> manifests = Chart.render(PRODUCTION);
        Manifest gateway = Chart.get(manifests, "Gateway", "tasklane");

        assertThat(gateway.get("spec.gatewayClassName")).isEqualTo("cilium");
        assertThat(gateway.get("spec.listeners.0.port")).isEqualTo(443);
        assertThat(gateway.get("spec.listeners.0.tls.certificateRefs.0.name")).isEqualTo("sync-tasklane-example-tls");
        Manifest monitor = Chart.get(manifests, "ServiceMonitor", "tasklane");
        assertThat(monitor.apiVersion()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(monitor.get("metadata.labels.release")).isEqualTo("kube-prometheus-stack");
        assertThat(monitor.get("spec.endpoints.0.path")).isEqualTo("/metrics");
        assertThat(monitor.get("spec.endpoints.0.port")).isEqualTo("http");
    }

    @Test
    void ingressOptionDisablesResponseBufferingForServerSentEvents() {
        List<Manifest> manifests = Chart.render(INGRESS);
        Manifest ingress = Chart.get(manifests, "Ingress", "tasklane-server");

        assertThat(Chart.ofKind(manifests, "HTTPRoute")).isEmpty();
        assertThat(ingress.map("metadata.annotations"))
                .containsEntry("nginx.ingress.kubernetes.io/proxy-buffering", "off")
                .containsEntry("nginx.ingress.kubernetes.io/proxy-read-timeout", "3600");
        assertThat(ingress.get("spec.ingressClassName")).isEqualTo("nginx");
        assertThat(ingress.get("spec.rules.0.host")).isEqualTo("sync.tasklane.example");
        assertThat(ingress.get("spec.tls.0.secretName")).isEqualTo("sync-tls");
    }

    @Test
    void networkPoliciesDenyByDefaultAndAdmitOnlyWhatEachWorkloadNeeds() {
        List<Manifest> manifests = Chart.render(PRODUCTION);

        Manifest deny = Chart.get(manifests, "NetworkPolicy", "tasklane-default-deny");
        assertThat(deny.get("spec.policyTypes")).isEqualTo(List.of("Ingress", "Egress"));
        assertThat(deny.at("spec.ingress")).isEmpty();
        assertThat(deny.at("spec.egress")).isEmpty();

        Manifest dns = Chart.get(manifests, "NetworkPolicy", "tasklane-allow-dns");
        assertThat(dns.list("spec.egress.0.ports")).extracting(p -> p.get("port")).containsExactly(53, 53);

        Manifest server = Chart.get(manifests, "NetworkPolicy", "tasklane-server");
        assertThat(server.list("spec.ingress.0.ports")).containsExactly(Map.of("port", "http", "protocol", "TCP"));
        // The internal listener: only the recurrence pods.
        assertThat(server.map("spec.ingress.1.from.0.podSelector.matchLabels")).containsEntry("app.kubernetes.io/component", "recurrence");
        assertThat(server.list("spec.ingress.1.ports")).containsExactly(Map.of("port", "internal", "protocol", "TCP"));
        assertThat(server.list("spec.ingress")).hasSize(2);
        assertThat(server.get("spec.egress.0.to.0.ipBlock.cidr")).isEqualTo("10.110.0.0/20");
        assertThat(server.list("spec.egress.0.ports")).extracting(p -> p.get("port")).containsExactly(25060, 25073, 25061);
        assertThat(server.map("spec.egress.1.to.0.podSelector.matchLabels")).containsEntry("app.kubernetes.io/component", "audit");
        assertThat(server.list("spec.egress.1.ports")).containsExactly(Map.of("port", 8083, "protocol", "TCP"));

        Manifest audit = Chart.get(manifests, "NetworkPolicy", "tasklane-audit");
        assertThat(audit.map("spec.ingress.0.from.0.podSelector.matchLabels"))
                .containsEntry("app.kubernetes.io/component", "server");
        assertThat(audit.list("spec.egress.0.ports")).extracting(p -> p.get("port")).containsExactly(25073, 25060);

        Manifest reminders = Chart.get(manifests, "NetworkPolicy", "tasklane-reminders");
        assertThat(reminders.at("spec.ingress")).as("nothing calls the reminders service").isEmpty();
        assertThat(reminders.list("spec.egress.0.ports")).extracting(p -> p.get("port")).containsExactly(25073, 25061);

        Manifest recurrence = Chart.get(manifests, "NetworkPolicy", "tasklane-recurrence");
        assertThat(recurrence.at("spec.ingress")).as("nothing calls the recurrence service").isEmpty();
        assertThat(recurrence.list("spec.egress.0.ports")).extracting(p -> p.get("port")).containsExactly(25073);
        assertThat(recurrence.map("spec.egress.1.to.0.podSelector.matchLabels")).containsEntry("app.kubernetes.io/component", "server");
        assertThat(recurrence.list("spec.egress.1.ports")).containsExactly(Map.of("port", 8081, "protocol", "TCP"));
    }

    @Test
    void daprModeAddsKafkaAndRedisComponentsOverTlsScopedToTheConsumers() {
        List<Manifest> manifests = Chart.render(DAPR);
        Manifest pubsub = Chart.get(manifests, "Component", "tasklane-pubsub");
        Manifest state = Chart.get(manifests, "Component", "tasklane-state");
        Manifest subscription = Chart.get(manifests, "Subscription", "tasklane-task-events");

        assertThat(pubsub.apiVersion()).isEqualTo("dapr.io/v1alpha1");
        assertThat(pubsub.get("spec.type")).isEqualTo("pubsub.kafka");
        assertThat(metadata(pubsub)).containsEntry("brokers", "db-kafka-tasklane-0.b.db.ondigitalocean.com:25073")
                .containsEntry("authType", "password")
                .containsEntry("saslMechanism", "SHA-256")
                .containsEntry("saslUsername", "secret:tasklane-kafka-consumers/username")
                .containsEntry("saslPassword", "secret:tasklane-kafka-consumers/password")
                .containsEntry("caCert", "secret:tasklane-kafka-ca/ca.crt")
                .containsEntry("disableTls", "false");
        assertThat(pubsub.get("scopes")).isEqualTo(List.of("tasklane-reminders", "tasklane-recurrence", "tasklane-audit"));
        assertThat(state.get("spec.type")).isEqualTo("state.redis");
        assertThat(metadata(state)).containsEntry("redisHost", "db-valkey-tasklane.b.db.ondigitalocean.com:25061")
                .containsEntry("enableTLS", "true")
                .containsEntry("redisPassword", "secret:tasklane-redis/password");
        assertThat(state.get("scopes")).isEqualTo(List.of("tasklane-reminders"));
        assertThat(subscription.get("spec.topic")).isEqualTo("task-events");
        assertThat(subscription.get("spec.deadLetterTopic")).isEqualTo("task-events.dlq");

        Manifest recurrence = Chart.get(manifests, "Deployment", "tasklane-recurrence");
        assertThat(recurrence.map("spec.template.metadata.annotations"))
                .containsEntry("dapr.io/enabled", "true")
                .containsEntry("dapr.io/app-id", "tasklane-recurrence")
                .containsEntry("dapr.io/app-port", "8082");
        assertThat(recurrence.env(0)).containsEntry("TASKLANE_EVENTS_TRANSPORT", "dapr")
                .containsEntry("TASKLANE_DAPR_PUBSUB", "tasklane-pubsub");
        assertThat(Chart.find(manifests, "NetworkPolicy", "tasklane-allow-dapr")).isPresent();
    }

    @Test
    void helmTestPodChecksEveryHealthEndpoint(@TempDir Path copy) throws IOException {
        // helm-java's template leaves hooks out (as `helm template --no-hooks` would), so render a
        // copy of the chart whose test pod is an ordinary manifest; the hook annotation itself is
        // checked on the template.
        Path testTemplate = Path.of("templates/tests/test-health.yaml");
        String source = Files.readString(Chart.DIRECTORY.resolve(testTemplate));
        assertThat(source).contains("helm.sh/hook: test");
        copyChart(copy);
        Files.writeString(copy.resolve(testTemplate), source.replaceAll("(?m)^\\s+helm\\.sh/hook.*\\n", ""));

        List<Manifest> manifests = Chart.parse(new Helm(copy).template().withName(Chart.RELEASE)
                .withNamespace(Chart.NAMESPACE).withKubeVersion(Chart.KUBE_VERSION).call());
        Manifest pod = Chart.get(manifests, "Pod", "tasklane-test-health");

        String script = (String) pod.get("spec.containers.0.args.0");
        assertThat(script).contains("http://tasklane-server:80/observe/health/ready",
                "http://tasklane-reminders:8081/observe/health",
                "http://tasklane-recurrence:8082/observe/health",
                "http://tasklane-audit:8083/observe/health");
        assertThat(pod.get("spec.restartPolicy")).isEqualTo("Never");
        assertThat(StrictKubernetesModel.validate(pod)).isNotNull();
    }

    private static void copyChart(Path target) throws IOException {
        try (Stream<Path> files = Files.walk(Chart.DIRECTORY)) {
            for (Path file : files.toList()) {
                Path destination = target.resolve(Chart.DIRECTORY.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(file, destination);
                }
            }
        }
    }

    private static Map<String, String> metadata(Manifest component) {
        Map<String, String> metadata = new java.util.LinkedHashMap<>();
        for (Map<String, Object> item : component.list("spec.metadata")) {
            Object value = item.get("value");
            if (value == null) {
                Map<?, ?> ref = (Map<?, ?>) item.get("secretKeyRef");
                value = "secret:" + ref.get("name") + "/" + ref.get("key");
            }
            metadata.put((String) item.get("name"), String.valueOf(value));
        }
        return metadata;
    }
}
