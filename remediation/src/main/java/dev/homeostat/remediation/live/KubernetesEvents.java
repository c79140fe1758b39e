package dev.homeostat.remediation.live;

import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.model.EngineEvent;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.port.EngineListener;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A Kubernetes Event on the target of every action the engine applied, had refused, ran dry, or held back, so
 * {@code kubectl describe pod/deployment/node/service} and {@code kubectl get events} show what the engine did and why.
 * Events are written on a thread of their own through a bounded queue: a slow API server never delays a tick, and an
 * event that cannot be written is logged and counted ({@code homeostat_kubernetes_events_total{outcome}}), never thrown.
 *
 * <p>Reasons: {@code HomeostatRestartPod} (and one per action, applied, type Normal), {@code HomeostatDryRun} (Normal),
 * {@code HomeostatActionRefused} (Warning), {@code HomeostatActionHeldBack} (Normal, the guard named in the message).
 */
final class KubernetesEvents implements EngineListener, AutoCloseable {
    static final String COMPONENT = "homeostat-engine";
    private static final System.Logger LOG = System.getLogger(KubernetesEvents.class.getName());

    private final KubernetesClient client;
    private final String instance;
    private final LiveMetrics metrics;
    private final ThreadPoolExecutor writer;

    KubernetesEvents(KubernetesClient client, String instance, LiveMetrics metrics) {
        this.client = Objects.requireNonNull(client, "client");
        this.instance = Objects.requireNonNull(instance, "instance");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(1000), r -> {
            Thread t = new Thread(r, "homeostat-kubernetes-events");
            t.setDaemon(true);
            return t;
        }, (r, pool) -> metrics.kubernetesEvent("dropped"));
    }

    /** What one engine event becomes: reason, type, message; null for events that are not about actions. */
    record Note(ClusterAction action, String reason, String type, String message) { }

    static Note note(EngineEvent event) {
        return switch (event) {
            case EngineEvent.ActionTaken x -> switch (x.outcome()) {
                case APPLIED -> new Note(x.action(), "Homeostat" + camel(x.action().kind()), "Normal", "rule " + x.rule() + ": " + x.detail());
                case REFUSED -> x.detail().startsWith(DryRunActions.PREFIX)
                        ? new Note(x.action(), "HomeostatDryRun", "Normal", "rule " + x.rule() + ": " + x.detail())
                        : new Note(x.action(), "HomeostatActionRefused", "Warning", x.action().kind() + " refused, rule " + x.rule() + ": " + x.detail());
                case HELD -> new Note(x.action(), "HomeostatActionHeldBack", "Normal",
                        x.action().kind() + " held back by " + x.guard() + ", rule " + x.rule() + ": " + x.detail());
            };
            case EngineEvent.AnomalyRaised a -> null;
            case EngineEvent.Paged p -> null;
        };
    }

    @Override public void on(EngineEvent event) {
        Note note = note(event);
        if (note == null) return;
        long time = event.timeMillis();
        writer.execute(() -> write(note, time));
    }

    private void write(Note note, long timeMillis) {
        Target t = note.action().target();
        String namespace = t.namespace() == null ? "default" : t.namespace();
        String message = note.message().length() > 1024 ? note.message().substring(0, 1021) + "..." : note.message();
        String now = Instant.ofEpochMilli(timeMillis).toString();
        try {
            var e = new EventBuilder()
                    .withNewMetadata().withGenerateName(t.name() + ".homeostat-").withNamespace(namespace).endMetadata()
                    .withInvolvedObject(reference(t))
                    .withReason(note.reason()).withType(note.type()).withMessage(message)
                    .withNewSource().withComponent(COMPONENT).endSource()
                    .withReportingComponent(COMPONENT).withReportingInstance(instance).withAction(note.action().kind())
                    .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                    .build();
            client.v1().events().inNamespace(namespace).resource(e).create();
            metrics.kubernetesEvent("created");
        } catch (KubernetesClientException e) {
            metrics.kubernetesEvent("failed");
            LOG.log(System.Logger.Level.WARNING, "could not record a Kubernetes Event on {0} ({1}); grant events create in its namespace: {2}",
                    t.ref(), note.reason(), e.getMessage());
        }
    }

    /** The target as an involvedObject, with its uid when it still exists (kubectl describe matches on it). */
    private ObjectReference reference(Target t) {
        var ref = new ObjectReferenceBuilder().withName(t.name()).withNamespace(t.namespace());
        HasMetadata live = null;
        try {
            live = switch (t.kind()) {
                case POD -> { ref.withKind("Pod").withApiVersion("v1"); yield client.pods().inNamespace(t.namespace()).withName(t.name()).get(); }
                case DEPLOYMENT -> { ref.withKind("Deployment").withApiVersion("apps/v1"); yield client.apps().deployments().inNamespace(t.namespace()).withName(t.name()).get(); }
                case SERVICE -> { ref.withKind("Service").withApiVersion("v1"); yield client.services().inNamespace(t.namespace()).withName(t.name()).get(); }
                case NODE -> { ref.withKind("Node").withApiVersion("v1").withNamespace(null); yield client.nodes().withName(t.name()).get(); }
            };
        } catch (KubernetesClientException e) {
            live = null; // no uid: the event is still listed by kubectl get events
        }
        if (live != null && live.getMetadata() != null) ref.withUid(live.getMetadata().getUid()).withResourceVersion(live.getMetadata().getResourceVersion());
        return ref.build();
    }

    /** {@code restart-pod} → {@code RestartPod}. */
    static String camel(String kind) {
        var out = new StringBuilder();
        for (String part : kind.split("-")) if (!part.isEmpty()) out.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
        return out.toString();
    }

    /** Waits briefly for queued events, then stops. */
    @Override public void close() throws InterruptedException {
        writer.shutdown();
        writer.awaitTermination(5, TimeUnit.SECONDS);
    }
}
