package dev.homeostat.chaos;

import dev.homeostat.simulator.fault.Fault;
import dev.homeostat.simulator.fault.Orchestration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A Schedule of a Workflow whose runs last as long as the cluster makes them (a Task, a StatusCheck), under
 * {@code concurrencyPolicy: Forbid}, as the simulator's actor: the Schedule controller deciding at run time. A firing
 * while the previous workflow still runs is missed; when that run ends, the latest missed firing starts at once if it
 * lies within {@code startingDeadlineSeconds} (0 or absent: no limit), as {@link Firings} does when the lengths are
 * known. Each firing's own run ({@link WorkflowRun}) starts when it is first asked, so a late start shifts its walk.
 * Journal lines are prefixed with the firing's name.
 */
final class ScheduleRun implements Orchestration.Actor {
    /** One cron firing: its time, its name and a fresh run of its workflow. */
    record Firing(long atMs, String name, Supplier<Orchestration.Actor> run) { }

    private final List<Firing> firings;
    private final Long startingDeadlineSeconds;
    private int nextFiring;
    private Firing missed;
    private Firing current;
    private Orchestration.Actor currentRun;
    private long currentNext = -1;

    ScheduleRun(List<Firing> firings, Long startingDeadlineSeconds) {
        this.firings = List.copyOf(firings);
        this.startingDeadlineSeconds = startingDeadlineSeconds;
    }

    @Override public Orchestration.Act act(long nowMillis, Orchestration.ClusterProbe cluster) {
        var inject = new ArrayList<Fault>();
        var stop = new ArrayList<String>();
        var notes = new ArrayList<String>();
        if (current != null && currentNext >= 0 && currentNext <= nowMillis) ask(nowMillis, cluster, inject, stop, notes);
        while (nextFiring < firings.size() && firings.get(nextFiring).atMs() <= nowMillis) {
            Firing f = firings.get(nextFiring++);
            if (current == null) {
                start(f, nowMillis, cluster, inject, stop, notes);
            } else {
                missed = f;
                notes.add(f.name() + ": missed, " + current.name() + " still runs (concurrencyPolicy Forbid)");
            }
        }
        long nextCron = nextFiring < firings.size() ? firings.get(nextFiring).atMs() : -1;
        long next = currentNext < 0 ? nextCron : nextCron < 0 ? currentNext : Math.min(currentNext, nextCron);
        return new Orchestration.Act(inject, stop, notes, next);
    }

    private void start(Firing f, long now, Orchestration.ClusterProbe cluster, List<Fault> inject, List<String> stop, List<String> notes) {
        current = f;
        currentRun = f.run().get();
        if (now > f.atMs()) notes.add(f.name() + ": started late, when the previous run ended");
        ask(now, cluster, inject, stop, notes);
    }

    /** Asks the running firing; when it has ended, starts the latest missed firing if it is still in time. */
    private void ask(long now, Orchestration.ClusterProbe cluster, List<Fault> inject, List<String> stop, List<String> notes) {
        Orchestration.Act act = currentRun.act(now, cluster);
        inject.addAll(act.inject());
        stop.addAll(act.stop());
        for (String n : act.notes()) notes.add(current.name() + ": " + n);
        currentNext = act.nextMillis();
        if (currentNext >= 0) return;
        current = null;
        currentRun = null;
        Firing late = missed;
        missed = null;
        if (late == null) return;
        boolean atTheNextFiring = nextFiring < firings.size() && firings.get(nextFiring).atMs() == now;
        boolean inTime = startingDeadlineSeconds == null || startingDeadlineSeconds == 0 || now - late.atMs() <= startingDeadlineSeconds * 1000;
        if (inTime && !atTheNextFiring) start(late, now, cluster, inject, stop, notes);
        else if (!inTime) notes.add(late.name() + ": not started, more than startingDeadlineSeconds late");
    }
}
