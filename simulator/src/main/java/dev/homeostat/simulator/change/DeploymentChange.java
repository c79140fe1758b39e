package dev.homeostat.simulator.change;

import java.time.Duration;

/** A change to one Deployment ({@code target.namespace} defaults to {@code default}). */
public sealed interface DeploymentChange extends Change {
    String namespace();

    String deployment();

    /** A routine rolling update: a new image behaving as the current one; a new revision, so a rollback goes back to the previous. */
    record Rollout(String name, Duration at, String namespace, String deployment) implements DeploymentChange {
        public Rollout {
            Changes.deployment(deployment, "rollout");
            namespace = Changes.namespace(namespace);
            at = Changes.at(at);
            name = Changes.name(name, "rollout", deployment, at);
        }

        @Override public String kind() { return "rollout"; }
    }

    /** A new config revision: a rolling restart into a new revision, same behaviour. */
    record ConfigChange(String name, Duration at, String namespace, String deployment) implements DeploymentChange {
        public ConfigChange {
            Changes.deployment(deployment, "config-change");
            namespace = Changes.namespace(namespace);
            at = Changes.at(at);
            name = Changes.name(name, "config-change", deployment, at);
        }

        @Override public String kind() { return "config-change"; }
    }

    /** {@code kubectl scale}: the Deployment's replicas set to {@code replicas}. */
    record Scale(String name, Duration at, String namespace, String deployment, int replicas) implements DeploymentChange {
        public Scale {
            Changes.deployment(deployment, "scale");
            if (replicas < 0) throw new IllegalArgumentException("replicas: must be >= 0, was " + replicas);
            namespace = Changes.namespace(namespace);
            at = Changes.at(at);
            name = Changes.name(name, "scale", deployment, at);
        }

        @Override public String kind() { return "scale"; }
    }
}
