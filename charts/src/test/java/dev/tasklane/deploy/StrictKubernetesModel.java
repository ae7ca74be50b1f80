package dev.tasklane.deploy;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * Validates a rendered manifest against the Kubernetes object model (fabric8's generated classes,
 * which follow the API's OpenAPI schema for each apiVersion/kind), strictly: fabric8 normally keeps
 * unknown fields in an "additionalProperties" map, so a typo such as {@code terminationGracePeriod}
 * would pass silently; here the any-setter is switched off so an unknown field fails, and scalars
 * are not coerced (a string where the API wants an integer fails too).
 */
final class StrictKubernetesModel {

    /** The built-in and Gateway API kinds the chart may render, by apiVersion/kind. */
    static final Map<String, Class<?>> KINDS = Map.ofEntries(
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("v1/Pod", Pod.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("gateway.networking.k8s.io/v1/HTTPRoute", HTTPRoute.class),
            Map.entry("gateway.networking.k8s.io/v1/Gateway", Gateway.class));

    private static final ObjectMapper MAPPER = strictMapper();

    private StrictKubernetesModel() {
    }

    static boolean knows(Chart.Manifest manifest) {
        return KINDS.containsKey(manifest.apiVersion() + "/" + manifest.kind());
    }

    /** Returns the typed object, or throws with Jackson's message naming the offending field. */
    static Object validate(Chart.Manifest manifest) {
        Class<?> type = KINDS.get(manifest.apiVersion() + "/" + manifest.kind());
        if (type == null) {
            throw new IllegalArgumentException("no Kubernetes model for " + manifest.apiVersion() + "/" + manifest.kind());
        }
        try {
            return MAPPER.convertValue(manifest.body(), type);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(manifest.id() + " does not match the Kubernetes schema: " + e.getMessage(), e);
        }
    }

    private static ObjectMapper strictMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .annotationIntrospector(new JacksonAnnotationIntrospector() {
                    @Override
                    public Boolean hasAnySetter(Annotated annotated) {
                        return Boolean.FALSE;
                    }

                    @Override
                    public JsonIgnoreProperties.Value findPropertyIgnoralByName(
                            com.fasterxml.jackson.databind.cfg.MapperConfig<?> config, Annotated annotated) {
                        return JsonIgnoreProperties.Value.empty();
                    }
                })
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        return mapper;
    }
}
