package dev.homeostat.remediation.live.kubernetes;

import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.port.ActionOutcome;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The engine's actions that a service mesh carries out, through Istio's own resources: cutting the callers' retries
 * toward a service is a VirtualService for its host whose route retries nothing ({@code retries.attempts: 0}).
 * The resource is the engine's ({@code homeostat-<service>}, labelled {@code app.kubernetes.io/managed-by: homeostat});
 * deleting it gives the callers their retries back. Without Istio's API in the cluster the action is refused, saying so.
 */
final class IstioMesh {
    static final ResourceDefinitionContext VIRTUAL_SERVICE = new ResourceDefinitionContext.Builder()
            .withGroup("networking.istio.io").withVersion("v1").withKind("VirtualService").withPlural("virtualservices")
            .withNamespaced(true).build();
    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    /** The engine's VirtualService for a service is {@code homeostat-<service>}. */
    static final String PREFIX = "homeostat-";

    private static final System.Logger LOG = System.getLogger(IstioMesh.class.getName());
    private final KubernetesClient client;

    IstioMesh(KubernetesClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** The callers of {@code service} retry nothing toward it. */
    ActionOutcome limitRetries(Target service) {
        String host = service.name() + "." + service.namespace() + ".svc.cluster.local";
        String name = PREFIX + service.name();
        GenericKubernetesResource vs = new GenericKubernetesResourceBuilder()
                .withApiVersion("networking.istio.io/v1").withKind("VirtualService")
                .withNewMetadata().withName(name).withNamespace(service.namespace())
                .addToLabels(MANAGED_BY, "homeostat")
                .addToAnnotations("homeostat.dev/reason", "retries toward " + service.ref() + " cut by the engine; delete this VirtualService to restore them")
                .endMetadata()
                .addToAdditionalProperties("spec", Map.of(
                        "hosts", List.of(host),
                        "http", List.of(Map.of(
                                "route", List.of(Map.of("destination", Map.of("host", host))),
                                "retries", Map.of("attempts", 0)))))
                .build();
        try {
            client.genericKubernetesResources(VIRTUAL_SERVICE).inNamespace(service.namespace()).resource(vs).serverSideApply();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return ActionOutcome.refused("no service mesh to cut retries with: the cluster serves no networking.istio.io/v1 VirtualService");
            }
            throw e;
        }
        return ActionOutcome.applied("callers of " + service.ref() + " retry nothing toward it: VirtualService " + service.namespace() + "/" + name
                + " routes " + host + " with retries.attempts 0; delete it to restore their retries");
    }

    /** The callers of {@code service} retry as they did before {@link #limitRetries}: the engine's VirtualService is deleted. */
    ActionOutcome restoreRetries(Target service) {
        String name = PREFIX + service.name();
        var resource = client.genericKubernetesResources(VIRTUAL_SERVICE).inNamespace(service.namespace()).withName(name);
        GenericKubernetesResource vs;
        try {
            vs = resource.get();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) return ActionOutcome.refused("no service mesh: the cluster serves no networking.istio.io/v1 VirtualService");
            throw e;
        }
        if (vs == null) return ActionOutcome.applied("callers of " + service.ref() + " had their retries already: no VirtualService " + name);
        var labels = vs.getMetadata().getLabels();
        if (labels == null || !"homeostat".equals(labels.get(MANAGED_BY))) {
            return ActionOutcome.refused("VirtualService " + service.namespace() + "/" + name + " is not the engine's (no " + MANAGED_BY
                    + ": homeostat): left in place");
        }
        resource.delete();
        return ActionOutcome.applied("callers of " + service.ref() + " retry toward it as before: deleted VirtualService "
                + service.namespace() + "/" + name);
    }

    /** The VirtualServices the engine manages in {@code namespace} (null: all); none where Istio's API is not served. */
    List<GenericKubernetesResource> managed(String namespace) {
        var all = client.genericKubernetesResources(VIRTUAL_SERVICE);
        try {
            return namespace == null ? all.inAnyNamespace().withLabel(MANAGED_BY, "homeostat").list().getItems()
                    : all.inNamespace(namespace).withLabel(MANAGED_BY, "homeostat").list().getItems();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) return List.of();
            if (e.getCode() == 403) {
                // the engine still runs; only a retry cut its predecessor left stays for a human
                LOG.log(System.Logger.Level.WARNING, "cannot list VirtualServices (403): retry cuts an earlier engine left are not"
                        + " adopted; grant list on networking.istio.io virtualservices (deploy/engine/base/rbac.yaml)");
                return List.of();
            }
            throw e;
        }
    }
}
