package dev.homeostat.testbed.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reference to a Deployment or Service that misses says which namespace has it, or which names there are. */
class ClusterReferencesTest {
    @TempDir Path dir;

    /** {@code payments/payments-api} and {@code shop/cart}, each with its Service; {@code cart} calls {@code call}. */
    private Path scenario(String call, String serviceNamespace, String faultsAndChanges) throws IOException {
        Files.createDirectories(dir.resolve("policies"));
        Files.copy(Path.of("../remediation/policies/default.yaml"), dir.resolve("policies/default.yaml"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve("s.yaml"), """
                apiVersion: homeostat.dev/v1alpha1
                kind: Scenario
                metadata: {name: s}
                spec:
                  duration: 30m
                  cluster:
                    nodePool: {count: 2, cpu: 4, memory: 16Gi}
                    deployments:
                      - {name: payments-api, namespace: payments, replicas: 2}
                      - {name: cart, namespace: shop, replicas: 2}
                    services:
                      - {name: payments-api, namespace: %s}
                      - {name: cart, namespace: shop, requestsPerSecond: 10, calls: [{service: %s}]}
                %s
                  engine: {policy: policies/default.yaml}
                """.formatted(serviceNamespace, call, faultsAndChanges.indent(2).stripTrailing()));
        return dir.resolve("s.yaml");
    }

    private Path faults(String entry) throws IOException { return scenario("payments-api.payments", "payments", "faults:\n  - " + entry); }

    @Test
    void theReferencesOfTheFamily_resolveAcrossNamespacesWhenTheNamespaceIsGiven() throws IOException {
        var s = new ScenarioLoader().load(scenario("payments-api.payments", "payments", """
                faults:
                  - {type: bad-rollout, target: {deployment: payments-api, namespace: payments}, at: 5m, duration: 5m, crashOnStart: true}
                  - {type: dependency-slowdown, target: {service: cart, namespace: shop}, at: 5m, duration: 5m, addedLatency: 50ms}
                changes:
                  - {type: rollout, target: {deployment: cart, namespace: shop}, at: 20m}
                """));
        assertThat(s.simulation().faults()).hasSize(2);
    }

    @Test
    void aFaultsDeploymentInAnotherNamespace_suggestsItsTargetNamespace() throws IOException {
        Path s = faults("{type: bad-rollout, target: {deployment: payments-api}, at: 5m, duration: 5m}");
        assertThatThrownBy(() -> new ScenarioLoader().load(s)).isInstanceOf(ScenarioException.class).hasMessageEndingWith(
                "spec.faults[0].target.deployment: no deployment 'default/payments-api' in spec.cluster.deployments;"
                        + " there is one in namespace 'payments': did you mean target.namespace: payments?");
        Path leak = faults("{type: memory-leak, target: {deployment: cart}, at: 5m, duration: 5m, rate: 1Mi}");
        assertThatThrownBy(() -> new ScenarioLoader().load(leak)).hasMessageContaining("did you mean target.namespace: shop?");
    }

    @Test
    void aNameNoNamespaceHas_listsTheNamesThereAre() throws IOException {
        Path s = faults("{type: cpu-hog, target: {deployment: payment-api, namespace: payments}, at: 5m, duration: 5m, cores: 1}");
        assertThatThrownBy(() -> new ScenarioLoader().load(s)).hasMessageEndingWith(
                "no deployment 'payments/payment-api' in spec.cluster.deployments; known: payments/payments-api, shop/cart");
    }

    @Test
    void aServiceAChangeAServicesDeploymentAndACall_sayTheSame() throws IOException {
        Path slow = faults("{type: dependency-slowdown, target: {service: cart}, at: 5m, duration: 5m, addedLatency: 50ms}");
        assertThatThrownBy(() -> new ScenarioLoader().load(slow)).hasMessageContaining("spec.faults[0].target.service: no service 'default/cart'")
                .hasMessageContaining("did you mean target.namespace: shop?");
        Path change = scenario("payments-api.payments", "payments", "changes:\n  - {type: scale, target: {deployment: cart}, at: 5m, replicas: 3}");
        assertThatThrownBy(() -> new ScenarioLoader().load(change)).hasMessageContaining("spec.changes[0].target.deployment")
                .hasMessageContaining("did you mean target.namespace: shop?");
        Path service = scenario("payments-api.default", "default", "");
        assertThatThrownBy(() -> new ScenarioLoader().load(service)).hasMessageContaining("s.yaml:12: spec.cluster.services[0].deployment: no deployment 'default/payments-api'")
                .hasMessageContaining("did you mean namespace: payments?");
        Path call = scenario("payments-api", "payments", "");
        assertThatThrownBy(() -> new ScenarioLoader().load(call)).hasMessageEndingWith(
                "s.yaml:13: spec.cluster.services[1].calls[0].service: no service 'payments-api' in namespace 'shop' (the caller's) in spec.cluster.services;"
                        + " there is one in namespace 'payments': did you mean payments-api.payments?");
    }
}
