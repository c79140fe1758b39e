package dev.homeostat.chaos;

import dev.homeostat.chaos.model.StatusCheckSpec;
import dev.homeostat.simulator.fault.Fault;
import dev.homeostat.simulator.fault.Orchestration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.LongConsumer;

/**
 * One run of a Workflow with Task or StatusCheck steps, as the simulator's actor ({@link Orchestration.Actor}): the
 * {@link WorkflowTranslator}'s walk in continuation-passing style, so a step whose end depends on the cluster (a Task's
 * branch, a StatusCheck's verdict) resumes the walk when the simulation reaches it. Steps whose times are known are
 * walked at once and their faults handed over with their future starts, as the static timeline does.
 *
 * <p>A Task's pod runs {@value #TASK_RUN_MS} ms (its condition is read then; see {@link TaskCommand}); every branch whose
 * expression holds runs, together, and the Task ends with the last (at once when none holds), as Chaos Mesh does. A
 * StatusCheck executes at its start and every {@code intervalSeconds} ({@link HttpCheck}); Synchronous ends at
 * {@code successThreshold} successes in a row (passed) or {@code failureThreshold} failures in a row (failed), or at
 * its deadline or {@code duration} (failed: success was not reached); Continuous ends at {@code failureThreshold}
 * failures (failed) or at its deadline or {@code duration} (passed). A failed check with {@code abortWithStatusCheck}
 * aborts the workflow: its running faults end then, those not started never start, nothing else runs.
 */
final class WorkflowRun implements Orchestration.Actor {
    static final long TASK_RUN_MS = 1000;

    private record Wake(long at, long seq, Runnable action) { }

    private final WorkflowPlan plan;
    private final StepFaults steps;
    private final long startMs;
    private final long capMs;
    private final PriorityQueue<Wake> wakes = new PriorityQueue<>(Comparator.comparingLong(Wake::at).thenComparingLong(Wake::seq));
    private long seq;
    private boolean started;
    private boolean aborted;
    /** Faults handed over so far, and how many {@link #act} already returned. */
    private int handedOver;
    private final List<String> notes = new ArrayList<>();
    private final List<String> stop = new ArrayList<>();
    private Orchestration.ClusterProbe cluster;
    private final boolean workflow;

    /** A Workflow's run, which journals its end. */
    WorkflowRun(WorkflowPlan plan, StepFaults steps, long startMs, long capMs) {
        this(plan, steps, startMs, capMs, true);
    }

    /** @param workflow false for a standalone StatusCheck, whose verdict is its last line */
    WorkflowRun(WorkflowPlan plan, StepFaults steps, long startMs, long capMs, boolean workflow) {
        this.workflow = workflow;
        this.plan = plan;
        this.steps = steps;
        this.startMs = startMs;
        this.capMs = capMs;
    }

    @Override public Orchestration.Act act(long nowMillis, Orchestration.ClusterProbe probe) {
        cluster = probe;
        notes.clear();
        stop.clear();
        if (!started) {
            started = true;
            run(plan.entry(), Math.max(startMs, nowMillis), capMs, end -> {
                if (workflow) at(end, () -> notes.add("workflow ended"));
            });
        }
        while (!wakes.isEmpty() && wakes.peek().at() <= nowMillis) wakes.poll().action().run();
        List<Fault> fresh = List.copyOf(steps.faults.subList(handedOver, steps.faults.size()));
        handedOver = steps.faults.size();
        return new Orchestration.Act(aborted ? List.of() : fresh, stop, notes, wakes.isEmpty() ? -1 : wakes.peek().at());
    }

    private void at(long time, Runnable action) { wakes.add(new Wake(time, seq++, action)); }

    /** Runs step {@code name} from {@code start}, never past {@code cap}; {@code then} gets its end when it is known. */
    private void run(String name, long start, long cap, LongConsumer then) {
        if (aborted) return;
        WorkflowPlan.Step step = plan.steps().get(name);
        long limit = step.deadline().map(d -> Math.min(cap, StepFaults.saturatedAdd(start, d.toMillis()))).orElse(cap);
        switch (step) {
            case WorkflowPlan.Serial s -> serial(s.children(), 0, start, limit, then);
            case WorkflowPlan.Parallel p -> parallel(p.children(), start, limit, then);
            case WorkflowPlan.Suspend s -> then.accept(limit);
            case WorkflowPlan.Chaos c -> then.accept(steps.chaos(c, start, limit));
            case WorkflowPlan.Schedule s -> then.accept(steps.schedule(s, start, limit));
            case WorkflowPlan.Task t -> task(t, start, limit, then);
            case WorkflowPlan.StatusCheck c -> new Check(c, start, limit, then).begin();
        }
    }

    private void serial(List<String> children, int i, long t, long limit, LongConsumer then) {
        if (i == children.size() || t >= limit) then.accept(Math.min(t, limit));
        else run(children.get(i), t, limit, end -> serial(children, i + 1, end, limit, then));
    }

    private void parallel(List<String> children, long start, long limit, LongConsumer then) {
        if (children.isEmpty()) {
            then.accept(Math.min(start, limit));
            return;
        }
        long[] left = {children.size()}, last = {start};
        for (String child : children)
            run(child, start, limit, end -> {
                last[0] = Math.max(last[0], end);
                if (--left[0] == 0) then.accept(Math.min(last[0], limit));
            });
    }

    private void task(WorkflowPlan.Task t, long start, long limit, LongConsumer then) {
        long done = start + TASK_RUN_MS;
        if (done > limit) {
            notes.add("task " + t.name() + ": its deadline passed before its container finished");
            then.accept(limit);
            return;
        }
        at(done, () -> {
            if (aborted) return;
            TaskCommand.Outcome out = t.command().run(steps.ctx().namespace(), cluster);
            var chosen = new ArrayList<String>();
            for (WorkflowPlan.Branch b : t.branches()) if (holds(b, out, t)) chosen.add(b.target());
            notes.add("task " + t.name() + ": " + out.why() + ": exit code " + out.exitCode()
                    + (out.stdout().isEmpty() ? "" : ", stdout \"" + out.stdout() + "\"")
                    + (chosen.isEmpty() ? "; no branch holds, the task ends" : "; branch " + String.join(", ", chosen)));
            parallel(chosen, done, limit, then);
        });
    }

    private boolean holds(WorkflowPlan.Branch b, TaskCommand.Outcome out, WorkflowPlan.Task t) {
        if (b.expression().isEmpty()) return true;
        try {
            return Boolean.TRUE.equals(b.expression().get().evaluate(Map.of("exitCode", (long) out.exitCode(), "stdout", out.stdout())));
        } catch (RuntimeException e) {
            notes.add("task " + t.name() + ": the expression of branch " + b.target() + " cannot be evaluated (" + e.getMessage() + "): not taken");
            return false;
        }
    }

    /** Ends the workflow now: running faults stop, those not started never start, no step runs any more. */
    private void abort(long now, String why) {
        aborted = true;
        wakes.clear();
        for (Fault f : steps.faults)
            if (f.start().plus(f.duration()).toMillis() > now || f.duration().isZero() && f.start().toMillis() >= now) stop.add(f.name());
        notes.add("workflow aborted: " + why + (stop.isEmpty() ? "" : "; stopped " + String.join(", ", stop)));
    }

    /** A StatusCheck step's executions and verdict. */
    private final class Check {
        private final WorkflowPlan.StatusCheck step;
        private final HttpCheck http;
        private final long start;
        private final long end;
        private final long intervalMs;
        private final int failureThreshold, successThreshold;
        private final boolean continuous;
        private final LongConsumer then;
        private int successes, failures, executions;
        private Boolean lastOutcome;

        Check(WorkflowPlan.StatusCheck step, long start, long limit, LongConsumer then) {
            StatusCheckSpec s = step.check();
            this.step = step;
            this.http = HttpCheck.of(s);
            long own = s.duration() == null ? Long.MAX_VALUE
                    : StepFaults.saturatedAdd(start, dev.homeostat.units.GoDuration.parse(s.duration()).toMillis());
            this.end = Math.min(limit, own);
            this.intervalMs = 1000L * (s.intervalSeconds() == null ? StatusCheckSpec.DEFAULT_INTERVAL_SECONDS : s.intervalSeconds());
            this.failureThreshold = s.failureThreshold() == null ? StatusCheckSpec.DEFAULT_FAILURE_THRESHOLD : s.failureThreshold();
            this.successThreshold = s.successThreshold() == null ? StatusCheckSpec.DEFAULT_SUCCESS_THRESHOLD : s.successThreshold();
            this.continuous = "Continuous".equals(s.mode());
            this.then = then;
            this.start = start;
        }

        void begin() {
            if (start >= end) {
                then.accept(end);
                return;
            }
            at(start, this::execute);
        }

        private void execute() {
            if (aborted) return;
            long now = start + executions * intervalMs;
            executions++;
            HttpCheck.Verdict v = http.run(steps.ctx().namespace(), cluster);
            if (v.success()) { successes++; failures = 0; } else { failures++; successes = 0; }
            if (lastOutcome == null || lastOutcome != v.success())
                notes.add("status check " + step.name() + " #" + executions + ": " + (v.success() ? "success" : "failure") + " (" + v.why() + ")");
            lastOutcome = v.success();
            if (failures >= failureThreshold) conclude(now, false, failures + " failure" + (failures == 1 ? "" : "s") + " in a row (failureThreshold " + failureThreshold + ")");
            else if (!continuous && successes >= successThreshold) conclude(now, true, successes + " success" + (successes == 1 ? "" : "es") + " in a row (successThreshold " + successThreshold + ")");
            else if (now + intervalMs >= end) at(end, () -> conclude(end, continuous, continuous ? "its deadline came with no failure streak"
                    : "its deadline came before " + successThreshold + " successes in a row"));
            else at(now + intervalMs, this::execute);
        }

        private void conclude(long now, boolean passed, String why) {
            if (aborted) return;
            notes.add("status check " + step.name() + ": " + (passed ? "passed" : "failed") + " after " + executions + " execution"
                    + (executions == 1 ? "" : "s") + ": " + why);
            if (!passed && step.abort()) abort(now, "status check " + step.name() + " failed (abortWithStatusCheck)");
            else then.accept(now);
        }
    }
}
