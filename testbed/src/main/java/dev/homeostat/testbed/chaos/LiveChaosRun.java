package dev.homeostat.testbed.chaos;

import dev.homeostat.reports.journal.Journal;
import dev.homeostat.reports.journal.JournalEvent;
import dev.homeostat.reports.journal.JournalIo;
import dev.homeostat.simulator.fault.Fault;
import dev.homeostat.testbed.chaos.LiveRunResult.Outcome;
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
import java.util.stream.Collectors;

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

    private final Path manifest;
    private final String scenario;
    private final KubernetesClient client;
    private final ClusterLookup lookup;
    private final RunClock clock;
    private final LiveRunOptions options;
    private final Consumer<String> log;
    private final List<Planned> planned;

    private final LiveObjects objects;
    private final InjectedRecords records;
    private final List<JournalEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean started = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean aborted;
    private volatile Thread runner;
    private volatile long t0;

    // Used by the run thread only.
    private final SloWatch sloWatch;
    // Workflow steps journaled ahead of their start; one the run never reached is dropped from the journal.
    private final Set<String> stepFaults = new TreeSet<>();

    /**
     * Reads and checks {@code manifest} (bad input: an {@link IllegalArgumentException} naming file, line and field)
     * and prepares its experiments; nothing touches the cluster until {@link #run()}.
     */
    public LiveChaosRun(Path manifest, KubernetesClient client, SloProbe slo, RunClock clock, LiveRunOptions options,
                        Consumer<String> log) {
        this(manifest, client, RemoteClusters.NONE, slo, clock, options, log);
    }

    /**
     * As above, watching an experiment that names a {@code spec.remoteCluster} through {@code remotes} (the kubeconfig's
     * context of that name); the experiment itself is applied through {@code client}, whose Chaos Mesh forwards it.
     */
    public LiveChaosRun(Path manifest, KubernetesClient client, RemoteClusters remotes, SloProbe slo, RunClock clock,
                        LiveRunOptions options, Consumer<String> log) {
        this.manifest = Objects.requireNonNull(manifest, "manifest");
        this.client = Objects.requireNonNull(client, "client");
        this.lookup = new ClusterLookup(client, remotes);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.options = Objects.requireNonNull(options, "options");
        Consumer<String> sink = Objects.requireNonNull(log, "log");
        this.log = line -> {
            synchronized (sink) {
                sink.accept(line);
            }
        };
        String fallback = client.getNamespace() == null ? "default" : client.getNamespace();
        this.planned = Planned.plan(manifest, options.namespace(), fallback, options.runId());
        this.objects = new LiveObjects(client, options.runId(), this.log);
        this.records = new InjectedRecords(client, lookup, events, this.log);
        this.sloWatch = new SloWatch(Objects.requireNonNull(slo, "slo"), options.sloErrorRatio(), events::add, this.log);
        this.scenario = LiveRuns.scenarioName(manifest);
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
        boolean hooked = LiveRuns.register(hook);
        t0 = clock.millis();
        var targets = new TreeMap<String, Pod>();
        var ended = new HashMap<String, Long>();
        PodWatch watch = new PodWatch(lookup, this::now, e -> {
            if (records.spared(e.target())) return; // selected, but Chaos Mesh did not inject it
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
            detail = aborted ? "interrupted; deleted what this run created" : LiveRuns.describe(e);
            if (!aborted) log.accept("failed: " + detail);
        } finally {
            Thread.interrupted(); // an interrupted thread cannot write files (ClosedByInterruptException); the outcome says it
        }
        detail = records.finish(stepsNotStarted(now())).stream().reduce(detail, (d, note) -> d + "; " + note);
        Set<String> unwatched = lookup.unwatched(planned.stream().flatMap(p -> p.selections().stream()).toList());
        if (!unwatched.isEmpty()) detail = detail + "; not watched: cluster " + String.join(", ", unwatched) + " (no kubeconfig context)";
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
        if (hooked) LiveRuns.unregister(hook);
        finished.countDown();
        Set<String> targetRefs = new TreeSet<>();
        records.targets(targets.keySet()).forEach(k -> targetRefs.add("pod/" + k));
        boolean moved = journal.events().stream().anyMatch(e ->
                e instanceof JournalEvent.SloViolated || e instanceof JournalEvent.ClusterEvent c && targetRefs.contains(c.target()));
        return new LiveRunResult(outcome, detail, file, journal, objects.created(), List.copyOf(targetRefs), moved, clean);
    }

    private record Step(Outcome outcome, String detail) { }

    private Step execute(PodWatch watch, Map<String, Pod> allTargets, Map<String, Long> ended) throws InterruptedException {
        if (aborted) return new Step(Outcome.INTERRUPTED, "interrupted before anything was applied");
        // Targets are the pods the selectors match at apply time, as Chaos Mesh picks from them (a machine's: those on its node).
        var targetsOf = new ArrayList<ClusterLookup.Targets>();
        var selections = new ArrayList<PodSelection>();
        var atStart = new ArrayList<Map<String, Pod>>();
        for (Planned p : planned) {
            ClusterLookup.Targets targets = lookup.targets(p.selections());
            List<PodSelection> now = targets.selections();
            targetsOf.add(targets);
            allTargets.putAll(targets.pods());
            selections.addAll(now);
            // recovery counts the pods selectors pick; a stopped machine's pods are replaced elsewhere, and its node's Ready counts
            var counted = new TreeMap<>(targets.pods());
            for (int i = 0; i < now.size(); i++) if (p.selections().get(i).machine() != null) counted.keySet().removeAll(now.get(i).selector().pods());
            atStart.add(counted);
        }
        watch.start(selections, allTargets);

        long windowEnd = 0;
        var faultEnd = new LinkedHashMap<String, Long>();
        var followers = new ArrayList<WorkflowFollower>();
        for (int i = 0; i < planned.size(); i++) {
            Planned p = planned.get(i);
            if (!objects.create(p, () -> aborted)) return new Step(Outcome.INTERRUPTED, "interrupted before " + p.ref() + " was applied");
            long t = now();
            ClusterLookup.Targets targets = targetsOf.get(i);
            Map<String, Pod> pods = targets.pods();
            if (p.runtime()) {
                records.track(p, null, null, pods); // its steps are tracked as the follower journals them
                log.accept("applied " + p.ref() + " (run " + options.runId() + "): its steps depend on the cluster; following its WorkflowNodes");
                followers.add(new WorkflowFollower(client, lookup, p, wall -> wall - t0, events::add, log,
                        (fault, node, selected) -> records.track(p, fault, new InjectedRecords.Source.Node(node), selected)));
                continue;
            }
            List<WorkflowStep> steps = p.workflowSteps();
            if (!steps.isEmpty()) {
                log.accept("applied " + p.ref() + " (run " + options.runId() + "): " + steps.size() + " step(s), " + pods.size() + " target pod(s)");
                windowEnd = Math.max(windowEnd, journalSteps(p, steps, t, faultEnd, ended));
                continue;
            }
            windowEnd = Math.max(windowEnd, journalExperiment(p, targets, t, faultEnd, ended));
        }
        long deadline = options.timeout().toMillis();
        while (true) {
            if (aborted || Thread.currentThread().isInterrupted()) return new Step(Outcome.INTERRUPTED, "interrupted; deleted what this run created");
            long now = now();
            sloWatch.poll(clock.millis(), now);
            records.poll(now);
            boolean workflowRuns = false;
            for (WorkflowFollower f : followers) workflowRuns |= f.poll(now, ended);
            for (var e : faultEnd.entrySet()) {
                if (!ended.containsKey(e.getKey()) && e.getValue() <= now) {
                    // Chaos Mesh recovers a duration experiment by itself when its duration is over.
                    events.add(new JournalEvent.FaultEnded(e.getValue(), e.getKey()));
                    ended.put(e.getKey(), e.getValue());
                    sloWatch.faultEnded(e.getValue());
                }
            }
            String waiting = now < windowEnd ? "fault window" : workflowRuns ? "the workflow to end" : notRecovered(atStart);
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
     * Any other kind: one incident from apply time (a Schedule's: from its first firing) to the end of its duration, with
     * the targets of its selectors, narrowed once Chaos Mesh records what it injected. Returns the end of the window it
     * needs watched.
     */
    private long journalExperiment(Planned p, ClusterLookup.Targets targets, long t, Map<String, Long> faultEnd, Map<String, Long> ended) {
        Map<String, Pod> pods = targets.pods();
        // a cloud kind records its machine, not pods: its targets stay the pods on the machine's node
        if (p.selections().stream().anyMatch(s -> s.machine() == null))
            records.track(p, p.model().getMetadata().getName(), new InjectedRecords.Source.Own(), pods);
        long d = p.duration().toMillis();
        long s = Math.min(d, p.startsAfter().toMillis()); // a Schedule's fault starts at its first firing
        String name = p.model().getMetadata().getName();
        events.add(new JournalEvent.FaultStarted(t + s, name, p.kind(), t + d, JournalEvent.Scope.PODS, targets.refs(), targets.services(),
                !pods.isEmpty(), List.of()));
        notWatched(t, name, targets.unwatched());
        log.accept("applied " + p.ref() + " (run " + options.runId() + "): " + pods.size() + " target pod(s)"
                + (pods.isEmpty() && targets.unwatched().isEmpty() ? " — nothing matched the selector, the fault has no effect"
                : (pods.isEmpty() ? "" : " " + String.join(", ", pods.keySet())) + LiveRuns.notWatchedSuffix(targets.unwatched())));
        if (d == 0) {
            events.add(new JournalEvent.FaultEnded(t, name));
            ended.put(name, t);
            sloWatch.faultEnded(t);
            return t + options.observe().toMillis();
        }
        faultEnd.put(name, t + d);
        // an instant fault that fires later (a Schedule's pod-kill) is watched for --observe after it fires
        return t + d + (d == s ? options.observe().toMillis() : 0);
    }

    /**
     * A Workflow as the simulation journals it: one incident per step, starting at apply time + the step's offset and
     * ending after its duration, with the targets of the step's own selectors (resolved now, at apply time, as for any
     * other kind), narrowed once Chaos Mesh records what the step injected. Returns the end of the window the steps need
     * watched.
     */
    private long journalSteps(Planned p, List<WorkflowStep> steps, long t, Map<String, Long> faultEnd, Map<String, Long> ended) {
        long windowEnd = t;
        for (WorkflowStep step : steps) {
            ClusterLookup.Targets targets = lookup.targets(step.selections());
            Map<String, Pod> pods = targets.pods();
            Fault f = step.fault();
            if (step.template() != null && step.selections().stream().anyMatch(s -> s.machine() == null))
                records.track(p, f.name(), new InjectedRecords.Source.Step(p.model().getMetadata().getName(), step.template(), step.run()), pods);
            long start = t + f.start().toMillis();
            long end = start + f.duration().toMillis();
            events.add(new JournalEvent.FaultStarted(start, f.name(), f.kind(), end, JournalEvent.Scope.PODS, targets.refs(), targets.services(),
                    !pods.isEmpty(), List.of()));
            notWatched(t, f.name(), targets.unwatched());
            stepFaults.add(f.name());
            log.accept("  step " + f.name() + " (" + f.kind() + ") at +" + f.start() + " for " + f.duration() + ": " + pods.size()
                    + " target pod(s)" + (pods.isEmpty() ? "" : " " + String.join(", ", pods.keySet())) + LiveRuns.notWatchedSuffix(targets.unwatched()));
            if (end <= t) {
                events.add(new JournalEvent.FaultEnded(end, f.name()));
                ended.put(f.name(), end);
                sloWatch.faultEnded(end);
            } else {
                faultEnd.put(f.name(), end); // ends (FaultEnded) when the poll loop reaches it, like a duration experiment
            }
            // an instant step (a pod-kill) is watched for --observe after it fires
            windowEnd = Math.max(windowEnd, end + (f.duration().isZero() ? options.observe().toMillis() : 0));
        }
        return windowEnd;
    }

    /**
     * An experiment whose targets are in a cluster the kubeconfig has no context for: a journal note on the fault (the
     * applying line of the log says it too), so "no target" reads as "not watched", not as "nothing matched the selector".
     */
    private void notWatched(long t, String fault, Set<String> clusters) {
        if (clusters.isEmpty()) return;
        events.add(new JournalEvent.ClusterEvent(t, "fault/" + fault, "not watched: " + LiveRuns.notWatchedText(clusters)));
    }

    /**
     * Null when every selection has at least as many ready pods as at apply time and no SLO is violated; else what is
     * missing. Both counts leave out the pods Chaos Mesh spared (its records name others), whichever step spared them.
     */
    private String notRecovered(List<Map<String, Pod>> atStart) {
        if (!sloWatch.violated().isEmpty()) return "the SLO of " + String.join(", ", sloWatch.violated());
        for (int i = 0; i < planned.size(); i++) {
            Planned p = planned.get(i);
            Set<String> down = lookup.machinesDown(p.selections());
            if (!down.isEmpty()) return "node " + String.join(", ", down) + " of " + p.ref() + " to be Ready";
            long ready = records.counted(lookup.pods(p.selections())).values().stream().filter(ClusterLookup::ready).count();
            long before = records.counted(atStart.get(i)).values().stream().filter(ClusterLookup::ready).count();
            if (ready < before) return "ready pods of " + p.ref() + " (" + ready + " of " + before + ")";
        }
        return null;
    }

    /** Deletes what this run created; idempotent. False when a delete failed (the log names it and the kubectl fix). */
    boolean cleanup() {
        return objects.cleanup();
    }

    /** The Workflow steps journaled ahead whose start the run had not reached by {@code at}: they never ran. */
    private Set<String> stepsNotStarted(long at) {
        synchronized (events) {
            return events.stream().filter(e -> e instanceof JournalEvent.FaultStarted f && stepFaults.contains(f.fault()) && f.t() > at)
                    .map(e -> ((JournalEvent.FaultStarted) e).fault()).collect(Collectors.toSet());
        }
    }

    private Journal journal(long end, Map<String, Long> ended) {
        var list = new ArrayList<JournalEvent>();
        synchronized (events) {
            list.addAll(events);
        }
        list.removeIf(e -> e instanceof JournalEvent.ClusterEvent c && records.spared(c.target())); // seen before Chaos Mesh said
        // A Workflow step the run never reached (timeout, failure, Ctrl-C before its offset) never ran: no incident.
        Set<String> notStarted = stepsNotStarted(end);
        list.removeIf(e -> e instanceof JournalEvent.FaultStarted f && notStarted.contains(f.fault()));
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

}
