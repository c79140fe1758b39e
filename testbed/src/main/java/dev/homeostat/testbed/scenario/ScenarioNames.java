package dev.homeostat.testbed.scenario;

import dev.homeostat.simulator.spec.DeploymentSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every name of a scenario held to the Kubernetes rule for its kind of object ({@link KubernetesNames}), and unique
 * where Kubernetes wants it unique, reported at the field that carries it. Names become folders under
 * {@code --out} and objects in a cluster; this is what keeps them data.
 */
final class ScenarioNames {
    private ScenarioNames() { }

    static void check(ScenarioSource src, String field, KubernetesNames rule, String kind, String name) {
        if (name == null) return;
        String problem = rule.problem(kind, name);
        if (problem != null) throw src.error(field, problem);
    }

    /** Names of nodes, deployments, namespaces, services and PodDisruptionBudgets, and their uniqueness. */
    static void cluster(ScenarioSource src, ScenarioDocument.Cluster c) {
        check(src, "spec.cluster.name", KubernetesNames.SUBDOMAIN, "a cluster name (a RemoteCluster's, as Chaos Mesh experiments give it in remoteCluster)", c.name());
        var nodes = c.nodes() == null ? List.<dev.homeostat.simulator.spec.NodeSpec>of() : c.nodes();
        var seen = new HashMap<String, String>();
        for (int i = 0; i < nodes.size(); i++) {
            String at = "spec.cluster.nodes[" + i + "].name";
            if (nodes.get(i) == null) continue;
            check(src, at, KubernetesNames.SUBDOMAIN, "a Node name", nodes.get(i).name());
            unique(src, seen, at, "node", nodes.get(i).name());
        }
        if (c.nodePool() != null) {
            int count = c.nodePool().count();
            if (count < 1) throw src.error("spec.cluster.nodePool.count", "must be >= 1, was " + count);
            if (count + nodes.size() > ScenarioLimits.MAX_NODES)
                throw src.error("spec.cluster.nodePool.count", ScenarioLimits.tooMany("nodes", (long) count + nodes.size(), ScenarioLimits.MAX_NODES, "Kubernetes' limit of nodes per cluster"));
            String prefix = c.nodePool().prefix() == null ? "node" : c.nodePool().prefix();
            check(src, "spec.cluster.nodePool.prefix", KubernetesNames.SUBDOMAIN, "a Node name (prefix-N)", prefix + "-" + c.nodePool().count());
            for (int i = 1; i <= c.nodePool().count(); i++) unique(src, seen, "spec.cluster.nodePool.prefix", "node", prefix + "-" + i);
        }
        if (nodes.size() > ScenarioLimits.MAX_NODES)
            throw src.error("spec.cluster.nodes", ScenarioLimits.tooMany("nodes", nodes.size(), ScenarioLimits.MAX_NODES, "Kubernetes' limit of nodes per cluster"));
        seen.clear();
        var deployments = c.deployments() == null ? List.<DeploymentSpec>of() : c.deployments();
        for (int i = 0; i < deployments.size(); i++) {
            DeploymentSpec d = deployments.get(i);
            if (d == null) continue;
            String at = "spec.cluster.deployments[" + i + "]";
            check(src, at + ".name", KubernetesNames.SUBDOMAIN, "a Deployment name", d.name());
            check(src, at + ".namespace", KubernetesNames.LABEL, "a namespace", d.namespace());
            check(src, at + ".container.name", KubernetesNames.LABEL, "a container name", d.container().name());
            if (d.replicas() > ScenarioLimits.MAX_PODS)
                throw src.error(at + ".replicas", ScenarioLimits.tooMany("replicas", d.replicas(), ScenarioLimits.MAX_PODS, "Kubernetes' limit of pods per cluster"));
            if (d.hpa() != null && d.hpa().maxReplicas() > ScenarioLimits.MAX_PODS)
                throw src.error(at + ".hpa.maxReplicas", ScenarioLimits.tooMany("replicas", d.hpa().maxReplicas(), ScenarioLimits.MAX_PODS, "Kubernetes' limit of pods per cluster"));
            unique(src, seen, at + ".name", "deployment", d.namespace() + "/" + d.name());
        }
        long pods = ScenarioLimits.pods(deployments.stream().filter(java.util.Objects::nonNull).toList());
        if (pods > ScenarioLimits.MAX_PODS)
            throw src.error("spec.cluster.deployments", ScenarioLimits.tooMany("pods (replicas, or HPA maxReplicas, summed)", pods, ScenarioLimits.MAX_PODS,
                    "Kubernetes' limit of pods per cluster"));
        seen.clear();
        var services = c.services() == null ? List.<ScenarioDocument.ServiceEntry>of() : c.services();
        for (int i = 0; i < services.size(); i++) {
            var s = services.get(i);
            if (s == null) continue;
            String at = "spec.cluster.services[" + i + "]";
            String namespace = s.namespace() == null ? DeploymentSpec.DEFAULT_NAMESPACE : s.namespace();
            check(src, at + ".name", KubernetesNames.SERVICE, "a Service name", s.name());
            check(src, at + ".namespace", KubernetesNames.LABEL, "a namespace", namespace);
            unique(src, seen, at + ".name", "service", namespace + "/" + s.name());
        }
        var pdbs = c.pdbs() == null ? List.<dev.homeostat.simulator.spec.PdbSpec>of() : c.pdbs();
        for (int i = 0; i < pdbs.size(); i++)
            if (pdbs.get(i) != null) check(src, "spec.cluster.pdbs[" + i + "].name", KubernetesNames.SUBDOMAIN, "a PodDisruptionBudget name", pdbs.get(i).name());
    }

    private static void unique(ScenarioSource src, Map<String, String> seen, String at, String what, String key) {
        String first = seen.putIfAbsent(key, at);
        if (first != null)
            throw src.error(at, "two of a kind: " + what + " '" + key + "' is also at " + first + " (line " + src.yaml().lineOf(first) + "); names must be unique");
    }
}
