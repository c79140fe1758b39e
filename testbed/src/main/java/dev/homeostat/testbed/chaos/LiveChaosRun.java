package dev.homeostat.testbed.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import dev.homeostat.chaos.ChaosExperiment;
import dev.homeostat.chaos.ChaosManifests;
import dev.homeostat.chaos.Horizon;
import dev.homeostat.chaos.model.Schedule;
import dev.homeostat.chaos.model.Workflow;
import dev.homeostat.chaos.model.WorkflowTemplate;
import dev.homeostat.reports.journal.Journal;
import dev.homeostat.reports.journal.JournalEvent;
import dev.homeostat.reports.journal.JournalIo;
import dev.homeostat.simulator.fault.Fault;
import dev.homeostat.testbed.chaos.LiveRunResult.Outcome;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One Chaos Mesh manifest file run against a live cluster: every experiment of the file is applied through
 * its fabric8 model, the selected pods and the SLO are watched through the fault window (the experiment's
 * {@code duration}, or {@code --observe} for instant kinds) and until they recover, and then what was created
 * is deleted. The run writes a journal in the simulation's format with the engine off, so {@code reports}
 * scores it like a baseline run.
 *
 * <p><b>Cleanup always.</b> Deletion runs in a {@code finally} (success, failure, timeout) and in a JVM shutdown
 * hook (Ctrl-C, SIGTERM), exposed as {@link #cleanupHook()} so tests can fire it the way a shutdown does. It is
 * idempotent: each created object is deleted once, then everything still carrying this run's
 * {@value #RUN_ID_LABEL} label is swept, which also catches an object whose create reached the server but whose
 * answer was lost. Creating and cleaning up share one lock, and nothing is created once the hook has run.
 */
public final class LiveChaosRun {
    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY = "homeostat";
    public static final String RUN_ID_LABEL = "homeostat.dev/run-id";
    /** How long the shutdown hook waits for the run to write its journal before the JVM goes. */
    static final Duration HOOK_WAIT = Duration.ofSeconds(20);
    /** fabric8's own (de)serialiser: knows the models' polymorphic fields; no client needed (dry run). */
    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    /** One experiment ready to apply: the labelled model, its namespace, its selectors and how long it lasts. */
    public record Planned(ChaosExperiment experiment, HasMetadata model, String namespace, List<PodSelection> selections,
                          String kind, Duration duration) {
        public Planned {
            selections = List.copyOf(selections);
        }

        /** When its first fault starts after the apply: zero but for a Schedule (its first firing). */
        public Duration startsAfter() {
            Duration first = null;
            for (Fault f : experiment.faults()) if (first == null || f.start().compareTo(first) < 0) first = f.start();
            return first == null || first.isNegative() ? Duration.ZERO : first;
        }

        /**
         * A Workflow's steps as the simulation scores them: each translated fault (named {@code <workflow>-<template>},
         * {@code -2}… on a rerun) with the selectors of its own template, in translation order. Empty for every other kind.
         */
        public List<WorkflowStep> workflowSteps() {
            if (!(model instanceof Workflow w) || w.getSpec() == null || w.getSpec().getTemplates() == null) return List.of();
            String prefix = model.getMetadata().getName() + "-";
            var out = new ArrayList<WorkflowStep>();
            for (Fault f : experiment.faults()) {
                WorkflowTemplate template = templateOf(f.name(), prefix, w.getSpec().getTemplates());
                List<PodSelection> own = template == null ? selections
                        : PodSelection.in(SERIALIZATION.convertValue(template, JsonNode.class), namespace);
                out.add(new WorkflowStep(f, own));
            }
            return out;
        }

        /** The template a step's fault came from: {@code <workflow>-<template>} or {@code ...-<n>}; the longest name wins. */
        private static WorkflowTemplate templateOf(String fault, String prefix, List<WorkflowTemplate> templates) {
            if (!fault.startsWith(prefix)) return null;
            String rest = fault.substring(prefix.length());
            WorkflowTemplate best = null;
            for (WorkflowTemplate t : templates) {
                String n = t.getName();
                if (n == null) continue;
                boolean match = rest.equals(n) || rest.startsWith(n + "-") && rest.substring(n.length() + 1).matches("[0-9]+");
                if (match && (best == null || n.length() > best.getName().length())) best = t;
            }
            return best;
        }

        /** {@code Kind/namespace/name}, as printed and as named in errors. */
        public String ref() {
            return model.getKind() + "/" + namespace + "/" + model.getMetadata().getName();
        }
    }

    private final Path manifest;
    private final String scenario;
    private final KubernetesClient client;
    private final ClusterLookup lookup;
    private final SloProbe slo;
    private final RunClock clock;
    private final LiveRunOptions options;
    private final Consumer<String> log;
    private final List<Planned> planned;

    /** One step of a Workflow: the simulation's fault for it (name, kind, start offset, duration) and its own selectors. */
    public record WorkflowStep(Fault fault, List<PodSelection> selections) {
        public WorkflowStep {
            selections = List.copyOf(selections);
        }
    }

    private final Object lock = new Object();
    private final List<Planned> applied = new ArrayList<>();     // guarded by lock: create attempted
    private final List<String> createdRefs = new ArrayList<>();  // guarded by lock: create answered
    private final Set<String> deletedRefs = new TreeSet<>();     // guarded by lock
    private final List<JournalEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean started = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean aborted;
    private volatile Thread runner;
    private volatile long t0;

    // Written by the run thread only.
    private final Map<String, Long> violatedSince = new TreeMap<>();
    private long lastFaultEnd = Long.MIN_VALUE;
    // Workflow steps journaled ahead of their start; one the run never reached is dropped from the journal.
    private final Set<String> stepFaults = new TreeSet<>();

    /**
     * Reads and checks {@code manifest} (bad input: an {@link IllegalArgumentException} naming file, line and field)
     * and prepares its experiments; nothing touches the cluster until {@link #run()}.
     */
    public LiveChaosRun(Path manifest, KubernetesClient client, SloProbe slo, RunClock clock, LiveRunOptions options,
                        Consumer<String> log) {
        this.manifest = Objects.requireNonNull(manifest, "manifest");
        this.client = Objects.requireNonNull(client, "client");
        this.lookup = new ClusterLookup(client);
        this.slo = Objects.requireNonNull(slo, "slo");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.options = Objects.requireNonNull(options, "options");
        Consumer<String> sink = Objects.requireNonNull(log, "log");
        this.log = line -> {
            synchronized (sink) {
                sink.accept(line);
            }
        };
        String fallback = client.getNamespace() == null ? "default" : client.getNamespace();
        this.planned = plan(manifest, options.namespace(), fallback, options.runId());
        this.scenario = scenarioName(manifest);
    }

    /**
     * The experiments of {@code manifest} as they would be applied: each model copied, put in its namespace
     * ({@code namespaceOverride}, else {@code metadata.namespace}, else {@code fallbackNamespace}) and labelled
     * with {@value #MANAGED_BY_LABEL}={@value #MANAGED_BY} and {@value #RUN_ID_LABEL}={@code runId}.
     */
    public static List<Planned> plan(Path manifest, String namespaceOverride, String fallbackNamespace, String runId) {
        // A Schedule fires until it is deleted; a live run watches its first firing, so only that one is translated.
        List<ChaosExperiment> experiments = ChaosManifests.experiments(manifest, Duration.ZERO, Horizon.firstFiring());
        if (experiments.isEmpty())
            throw new IllegalArgumentException(manifest + ": no Chaos Mesh experiment in the file; write at least one document with apiVersion, kind, metadata and spec");
        var out = new ArrayList<Planned>();
        for (ChaosExperiment e : experiments) {
            HasMetadata model = SERIALIZATION.clone(e.model());
            String ns = namespaceOverride != null ? namespaceOverride
                    : model.getMetadata().getNamespace() != null ? model.getMetadata().getNamespace() : fallbackNamespace;
            model.getMetadata().setNamespace(ns);
            var labels = new TreeMap<String, String>();
            if (model.getMetadata().getLabels() != null) labels.putAll(model.getMetadata().getLabels());
            labels.put(MANAGED_BY_LABEL, MANAGED_BY);
            labels.put(RUN_ID_LABEL, runId);
            model.getMetadata().setLabels(new LinkedHashMap<>(labels));
            Duration duration = Duration.ZERO;
            // A Schedule fires until it is deleted: a run watches its first firing, then deletes it.
            List<Fault> watched = e.model() instanceof Schedule && !e.faults().isEmpty()
                    ? List.of(e.faults().stream().min(Comparator.comparing(Fault::start)).orElseThrow()) : e.faults();
            for (Fault f : watched) {
                Duration until = f.start().plus(f.duration());
                if (until.compareTo(duration) > 0) duration = until;
            }
            String kind = e.faults().isEmpty() ? e.kind() : e.faults().getFirst().kind();
            out.add(new Planned(e, model, ns, PodSelection.of(model, ns), kind, duration));
        }
        return out;
    }

    /** What {@code --dry-run} prints: the YAML of every experiment exactly as it would be created. */
    public static String dryRunYaml(Path manifest, String namespaceOverride, String runId) {
        var out = new StringBuilder();
        for (Planned p : plan(manifest, namespaceOverride, "default", runId)) {
            String yaml = SERIALIZATION.asYaml(p.model());
            if (!yaml.startsWith("---")) out.append("---\n");
            out.append(yaml);
            if (!yaml.endsWith("\n")) out.append('\n');
        }
        return out.toString();
    }

    /** The experiments this run applies, in file order. */
    public List<Planned> planned() {
        return planned;
    }

    /**
     * What a JVM shutdown runs: stop the run, delete what it created, and wait (at most {@link #HOOK_WAIT}) for it to
     * write its journal. Safe to run at any time and more than once.
     */
    public Runnable cleanupHook() {
        return () -> {
            aborted = true;
            Thread t = runner;
            if (t != null && t != Thread.currentThread()) t.interrupt();
            cleanup();
            if (t != null && t != Thread.currentThread()) {
                try {
                    finished.await(HOOK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }

    /** Applies, watches, waits, deletes and writes the journal. Runs once. */
    public LiveRunResult run() {
        if (!started.compareAndSet(false, true)) throw new IllegalStateException("a LiveChaosRun runs once; make a new one");
        runner = Thread.currentThread();
        Thread hook = new Thread(cleanupHook(), "homeostat-chaos-cleanup");
        boolean hooked = register(hook);
        t0 = clock.millis();
        var targets = new TreeMap<String, Pod>();
        var ended = new HashMap<String, Long>();
        PodWatch watch = new PodWatch(client, this::now, e -> {
            events.add(e);
            log.accept(e.target() + ": " + e.what());
        });
        Outcome outcome;
        String detail;
        try {
            var result = execute(watch, targets, ended);
            outcome = result.outcome();
            detail = result.detail();
        } catch (InterruptedException e) {
            outcome = Outcome.INTERRUPTED;
            detail = "interrupted; deleted what this run created";
        } catch (RuntimeException e) {
            outcome = aborted ? Outcome.INTERRUPTED : Outcome.FAILED;
            detail = aborted ? "interrupted; deleted what this run created" : describe(e);
            if (!aborted) log.accept("failed: " + detail);
        } finally {
            Thread.interrupted(); // an interrupted thread cannot write files (ClosedByInterruptException); the outcome says it
        }
        try {
            watch.close();
        } catch (RuntimeException e) {
            log.accept("closing the pod watch failed: " + e.getMessage());
        }
        boolean clean = cleanup();
        long end = now();
        Journal journal = journal(end, ended);
        Path file = options.outDir().resolve(scenario + "-" + options.runId() + ".jsonl");
        try {
            file = dev.homeostat.reports.OutPaths.child(options.outDir(), scenario + "-" + options.runId() + ".jsonl");
            JournalIo.write(journal, file);
        } catch (RuntimeException e) {
            if (outcome == Outcome.RECOVERED) outcome = Outcome.FAILED;
            detail = detail + "; journal not written to " + file + ": " + e.getMessage();
            file = null;
        }
        if (hooked) unregister(hook);
        finished.countDown();
        Set<String> targetRefs = new TreeSet<>();
        targets.keySet().forEach(k -> targetRefs.add("pod/" + k));
        boolean moved = journal.events().stream().anyMatch(e ->
                e instanceof JournalEvent.SloViolated || e instanceof JournalEvent.ClusterEvent c && targetRefs.contains(c.target()));
        List<String> created;
        synchronized (lock) {
            created = List.copyOf(createdRefs);
        }
        return new LiveRunResult(outcome, detail, file, journal, created, List.copyOf(targetRefs), moved, clean);
    }

    private record Step(Outcome outcome, String detail) { }

    private Step execute(PodWatch watch, Map<String, Pod> allTargets, Map<String, Long> ended) throws InterruptedException {
        if (aborted) return new Step(Outcome.INTERRUPTED, "interrupted before anything was applied");
        // Targets are the pods the selectors match at apply time (fabric8 label queries), as Chaos Mesh picks from them.
        var targetsOf = new ArrayList<Map<String, Pod>>();
        var selections = new ArrayList<PodSelection>();
        for (Planned p : planned) {
            Map<String, Pod> pods = lookup.pods(p.selections());
            targetsOf.add(pods);
            allTargets.putAll(pods);
            selections.addAll(p.selections());
        }
        var readyAtStart = new ArrayList<Integer>();
        for (Map<String, Pod> pods : targetsOf) readyAtStart.add((int) pods.values().stream().filter(ClusterLookup::ready).count());
        watch.start(selections, allTargets);

        long windowEnd = 0;
        var faultEnd = new LinkedHashMap<String, Long>();
        for (int i = 0; i < planned.size(); i++) {
            Planned p = planned.get(i);
            if (!create(p)) return new Step(Outcome.INTERRUPTED, "interrupted before " + p.ref() + " was applied");
            long t = now();
            Map<String, Pod> pods = targetsOf.get(i);
            var targetRefs = new ArrayList<String>();
            pods.keySet().forEach(k -> targetRefs.add("pod/" + k));
            targetRefs.addAll(lookup.deployments(pods.values()));
            List<String> services = lookup.services(pods.values());
            List<WorkflowStep> steps = p.workflowSteps();
            if (!steps.isEmpty()) {
                log.accept("applied " + p.ref() + " (run " + options.runId() + "): " + steps.size() + " step(s), " + pods.size() + " target pod(s)");
                windowEnd = Math.max(windowEnd, journalSteps(steps, t, faultEnd, ended));
                continue;
            }
            long d = p.duration().toMillis();
            long s = Math.min(d, p.startsAfter().toMillis()); // a Schedule's fault starts at its first firing
            String name = p.model().getMetadata().getName();
            events.add(new JournalEvent.FaultStarted(t + s, name, p.kind(), t + d, JournalEvent.Scope.PODS, targetRefs, services,
                    !pods.isEmpty(), List.of()));
            log.accept("applied " + p.ref() + " (run " + options.runId() + "): " + pods.size() + " target pod(s)"
                    + (pods.isEmpty() ? " — nothing matched the selector, the fault has no effect" : " " + String.join(", ", pods.keySet())));
            if (d == 0) {
                events.add(new JournalEvent.FaultEnded(t, name));
                ended.put(name, t);
                lastFaultEnd = Math.max(lastFaultEnd, t);
                windowEnd = Math.max(windowEnd, t + options.observe().toMillis());
            } else {
                faultEnd.put(name, t + d);
                // an instant fault that fires later (a Schedule's pod-kill) is watched for --observe after it fires
                windowEnd = Math.max(windowEnd, t + d + (d == s ? options.observe().toMillis() : 0));
            }
        }
        long deadline = options.timeout().toMillis();
        while (true) {
            if (aborted || Thread.currentThread().isInterrupted()) return new Step(Outcome.INTERRUPTED, "interrupted; deleted what this run created");
            long now = now();
            pollSlo(now);
            for (var e : faultEnd.entrySet()) {
                if (!ended.containsKey(e.getKey()) && e.getValue() <= now) {
                    // Chaos Mesh recovers a duration experiment by itself when its duration is over.
                    events.add(new JournalEvent.FaultEnded(e.getValue(), e.getKey()));
                    ended.put(e.getKey(), e.getValue());
                    lastFaultEnd = Math.max(lastFaultEnd, e.getValue());
                }
            }
            String waiting = now < windowEnd ? "fault window" : notRecovered(targetsOf, readyAtStart);
            if (waiting == null) return new Step(Outcome.RECOVERED, "recovered after " + Duration.ofMillis(now));
            if (now >= deadline)
                return new Step(Outcome.TIMEOUT, "timed out after " + options.timeout() + " waiting for " + waiting);
            long next = now + options.poll().toMillis();
            for (long milestone : List.of(windowEnd, deadline)) if (milestone > now) next = Math.min(next, milestone);
            for (long milestone : faultEnd.values()) if (milestone > now) next = Math.min(next, milestone);
            clock.sleep(Duration.ofMillis(Math.max(1, next - now)));
        }
    }

    /**
     * A Workflow as the simulation journals it: one incident per step, starting at apply time + the step's offset and
     * ending after its duration, with the targets of the step's own selectors (resolved now, at apply time, as for any
     * other kind). Returns the end of the window the steps need watched.
     */
    private long journalSteps(List<WorkflowStep> steps, long t, Map<String, Long> faultEnd, Map<String, Long> ended) {
        long windowEnd = t;
        for (WorkflowStep step : steps) {
            Map<String, Pod> pods = lookup.pods(step.selections());
            var targetRefs = new ArrayList<String>();
            pods.keySet().forEach(k -> targetRefs.add("pod/" + k));
            targetRefs.addAll(lookup.deployments(pods.values()));
            List<String> services = lookup.services(pods.values());
            Fault f = step.fault();
            long start = t + f.start().toMillis();
            long end = start + f.duration().toMillis();
            events.add(new JournalEvent.FaultStarted(start, f.name(), f.kind(), end, JournalEvent.Scope.PODS, targetRefs, services,
                    !pods.isEmpty(), List.of()));
            stepFaults.add(f.name());
            log.accept("  step " + f.name() + " (" + f.kind() + ") at +" + f.start() + " for " + f.duration() + ": " + pods.size()
                    + " target pod(s)" + (pods.isEmpty() ? "" : " " + String.join(", ", pods.keySet())));
            if (end <= t) {
                events.add(new JournalEvent.FaultEnded(end, f.name()));
                ended.put(f.name(), end);
                lastFaultEnd = Math.max(lastFaultEnd, end);
            } else {
                faultEnd.put(f.name(), end); // ends (FaultEnded) when the poll loop reaches it, like a duration experiment
            }
            // an instant step (a pod-kill) is watched for --observe after it fires
            windowEnd = Math.max(windowEnd, end + (f.duration().isZero() ? options.observe().toMillis() : 0));
        }
        return windowEnd;
    }

    /** Null when every selection has at least as many ready pods as at apply time and no SLO is violated; else what is missing. */
    private String notRecovered(List<Map<String, Pod>> targetsOf, List<Integer> readyAtStart) {
        if (!violatedSince.isEmpty()) return "the SLO of " + String.join(", ", violatedSince.keySet());
        for (int i = 0; i < planned.size(); i++) {
            long ready = lookup.pods(planned.get(i).selections()).values().stream().filter(ClusterLookup::ready).count();
            if (ready < readyAtStart.get(i))
                return "ready pods of " + planned.get(i).ref() + " (" + ready + " of " + readyAtStart.get(i) + ")";
        }
        return null;
    }

    private void pollSlo(long now) {
        for (SloReading r : slo.read(clock.millis())) {
            boolean bad = r.errorRatio() > options.sloErrorRatio();
            Long since = violatedSince.get(r.service());
            if (bad && since == null) {
                violatedSince.put(r.service(), now);
                events.add(new JournalEvent.SloViolated(now, r.service(),
                        "error ratio " + r.errorRatio() + " > " + options.sloErrorRatio()));
                log.accept("SLO violated: " + r.service() + " error ratio " + r.errorRatio());
            } else if (!bad && since != null) {
                violatedSince.remove(r.service());
                // Engine off: either the fault's end or Kubernetes itself ended the violation.
                events.add(new JournalEvent.SloRestored(now, r.service(), lastFaultEnd >= since ? "fault-ended" : "kubernetes"));
                log.accept("SLO restored: " + r.service());
            }
        }
    }

    private boolean create(Planned p) {
        synchronized (lock) {
            if (aborted) return false;
            applied.add(p); // before the call: a create that reached the server but whose answer was lost is still cleaned up
            client.resource(p.model()).inNamespace(p.namespace()).create();
            createdRefs.add(p.ref());
            return true;
        }
    }

    /** Deletes what this run created; idempotent. False when a delete failed (the log names it and the kubectl fix). */
    boolean cleanup() {
        synchronized (lock) {
            boolean ok = true;
            for (Planned p : applied) {
                if (deletedRefs.contains(p.ref())) continue;
                try {
                    client.resource(p.model()).inNamespace(p.namespace()).delete();
                    deletedRefs.add(p.ref());
                    log.accept("deleted " + p.ref());
                } catch (RuntimeException e) {
                    ok = false;
                    log.accept("could not delete " + p.ref() + ": " + e.getMessage() + "; delete it by hand: " + kubectlDelete(p));
                }
            }
            if (applied.isEmpty()) return ok;
            var swept = new TreeSet<String>();
            for (Planned p : applied) {
                if (!swept.add(p.model().getClass().getName() + " " + p.namespace())) continue;
                try {
                    client.resources(p.model().getClass()).inNamespace(p.namespace()).withLabel(RUN_ID_LABEL, options.runId()).delete();
                } catch (RuntimeException e) {
                    ok = false;
                    log.accept("could not sweep " + p.model().getKind() + " in " + p.namespace() + ": " + e.getMessage()
                            + "; delete by hand: " + kubectlDelete(p));
                }
            }
            return ok;
        }
    }

    private String kubectlDelete(Planned p) {
        return "kubectl delete " + p.model().getKind().toLowerCase(java.util.Locale.ROOT) + "." + p.model().getApiVersion().split("/")[0]
                + " -n " + p.namespace() + " -l " + RUN_ID_LABEL + "=" + options.runId();
    }

    private Journal journal(long end, Map<String, Long> ended) {
        var list = new ArrayList<JournalEvent>();
        synchronized (events) {
            list.addAll(events);
        }
        // A Workflow step the run never reached (timeout, failure, Ctrl-C before its offset) never ran: no incident.
        list.removeIf(e -> e instanceof JournalEvent.FaultStarted f && stepFaults.contains(f.fault()) && f.t() > end);
        // Faults still open (timeout, failure, Ctrl-C) end with the deletion, now.
        for (JournalEvent e : List.copyOf(list)) {
            if (e instanceof JournalEvent.FaultStarted f && !ended.containsKey(f.fault())) {
                list.add(new JournalEvent.FaultEnded(end, f.fault()));
                ended.put(f.fault(), end);
            }
        }
        list.sort(Comparator.comparingLong(JournalEvent::t)); // stable: watch threads add out of order
        long last = list.isEmpty() ? end : Math.max(end, list.getLast().t());
        list.add(new JournalEvent.RunEnded(last));
        return new Journal(scenario, 0, false, list);
    }

    private long now() {
        return clock.millis() - t0;
    }

    private static boolean register(Thread hook) {
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            return true;
        } catch (IllegalStateException shuttingDown) {
            return false; // the JVM is already going down: the finally below still cleans up
        }
    }

    private static void unregister(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or ran: nothing left to remove
        }
    }

    /** The exception and its causes' messages: fabric8 puts the reason (refused, 403, TLS) in the cause. */
    static String describe(Throwable e) {
        var out = new StringBuilder(e.toString());
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) out.append(" (caused by ").append(c).append(')');
        return out.toString();
    }

    static String scenarioName(Path manifest) {
        String name = manifest.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
