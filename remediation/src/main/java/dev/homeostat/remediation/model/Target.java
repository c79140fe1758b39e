package dev.homeostat.remediation.model;

/** What an anomaly or an action is about: a pod, a deployment, a service or a node. */
public record Target(Kind kind, String namespace, String name) {
    public enum Kind { POD, DEPLOYMENT, SERVICE, NODE }

    /** {@code kind/namespace/name}, e.g. {@code pod/default/checkout-7f9c-x2}; nodes have no namespace. */
    public String ref() {
        // the kind's name in lower case, without lower-casing it per call (refs key maps and sorts on every tick)
        String prefix = switch (kind) {
            case POD -> "pod/";
            case DEPLOYMENT -> "deployment/";
            case SERVICE -> "service/";
            case NODE -> "node/";
        };
        return namespace == null ? prefix + name : prefix + namespace + "/" + name;
    }
}
