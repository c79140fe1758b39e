package dev.homeostat.remediation.model;

/** What an anomaly or an action is about: a pod, a deployment, a service or a node. */
public record Target(Kind kind, String namespace, String name) {
    public enum Kind { POD, DEPLOYMENT, SERVICE, NODE }

    /** {@code kind/namespace/name}, e.g. {@code pod/default/checkout-7f9c-x2}; nodes have no namespace. */
    public String ref() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + "/" + (namespace == null ? "" : namespace + "/") + name;
    }
}
