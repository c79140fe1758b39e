package dev.homeostat.reports.score;

import dev.homeostat.reports.journal.Journal;
import dev.homeostat.reports.journal.JournalEvent;
import dev.homeostat.reports.journal.JournalEvent.FaultEnded;
import dev.homeostat.reports.journal.JournalEvent.FaultStarted;
import dev.homeostat.reports.journal.JournalEvent.Paged;
import dev.homeostat.reports.journal.JournalEvent.RunEnded;
import dev.homeostat.reports.journal.JournalEvent.SloRestored;
import dev.homeostat.reports.journal.JournalEvent.SloViolated;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The facts of one journal that scoring needs, each derived once. */
record RunFacts(List<JournalEvent> events, long runEnd, List<FaultWindow> windows, List<Violation> violations,
                List<Paged> newPages) {

    /** One SLO violation interval [start, end) of one service; restoredBy null when the run ended first. */
    record Violation(String service, long start, long end, String restoredBy) {
        /** Overlaps the closed window [from, to]; a zero-length violation counts when it lies inside it. */
        boolean overlaps(long from, long to) {
            return start <= to && (end > from || start >= from);
        }

        boolean restored() { return restoredBy != null; }
    }

    List<FaultWindow> scoredWindows() {
        return windows.stream().filter(w -> !w.noOp()).toList();
    }

    long downtimeMillis() {
        return violations.stream().mapToLong(v -> v.end() - v.start()).sum();
    }

    static RunFacts of(Journal journal) {
        String name = "journal of scenario " + journal.scenario() + " seed " + journal.seed();
        List<JournalEvent> events = journal.events();
        long runEnd = -1;
        for (int i = 0; i < events.size(); i++) {
            JournalEvent e = Objects.requireNonNull(events.get(i), () -> name + ": event is null");
            if (i > 0 && e.t() < events.get(i - 1).t()) {
                throw new IllegalArgumentException(name + ": event " + i + " at t " + e.t()
                        + " comes after t " + events.get(i - 1).t() + "; journal events must be in time order");
            }
            if (e instanceof RunEnded r) runEnd = r.t();
        }
        if (runEnd < 0) {
            throw new IllegalArgumentException(name + " has no RunEnded event: the run did not finish "
                    + "(or the journal is truncated); re-run it so the journal ends with RunEnded");
        }
        return new RunFacts(events, runEnd, windows(events, runEnd, name), violations(events, runEnd), newPages(events));
    }

    /**
     * A FaultStarted pairs with the next FaultEnded of the same fault name. Its end is that FaultEnded's time, else
     * its own {@code end} field when that is not before the start, else the run's end; always clamped into
     * [start, run end]. A fault that starts at or after the run's end (a Schedule firing on the last instant) had no
     * time to act or to be seen, so it is not scored.
     */
    private static List<FaultWindow> windows(List<JournalEvent> events, long runEnd, String name) {
        Map<String, Deque<Integer>> openByFault = new HashMap<>();
        List<FaultStarted> started = new ArrayList<>();
        List<Long> endedAt = new ArrayList<>();
        for (JournalEvent e : events) {
            if (e instanceof FaultStarted f) {
                if (f.fault() == null || f.fault().isBlank()) {
                    throw new IllegalArgumentException(name + ": FaultStarted at t " + f.t()
                            + " has no fault name; every injected fault needs a name");
                }
                openByFault.computeIfAbsent(f.fault(), k -> new ArrayDeque<>()).add(started.size());
                started.add(f);
                endedAt.add(null);
            } else if (e instanceof FaultEnded f) {
                Deque<Integer> open = openByFault.get(f.fault());
                if (open != null && !open.isEmpty()) endedAt.set(open.poll(), f.t());
            }
        }
        List<FaultWindow> windows = new ArrayList<>(started.size());
        for (int i = 0; i < started.size(); i++) {
            FaultStarted f = started.get(i);
            if (f.t() >= runEnd) continue;
            long end = endedAt.get(i) != null ? endedAt.get(i) : f.end() >= f.t() ? f.end() : runEnd;
            end = Math.max(f.t(), Math.min(end, runEnd));
            windows.add(new FaultWindow(f.fault(), f.kind() == null ? "unknown" : f.kind(), f.t(), end, f.scope(),
                    f.targets(), f.services(), f.upstream(), !f.tookEffect()));
        }
        return oneIncidentPerObject(windows);
    }

    /**
     * The parts of one Chaos Mesh object ({@code name#1}, {@code name#2}, …: a netem action's delay and loss, a
     * StressChaos' cpu and memory stressors) are one incident, as the user applied one object and live scoring sees
     * one resource: parts with the same base name and the same window merge into a window named after the object,
     * its kinds joined with {@code +}, its targets, services and upstream united, a no-op only when every part is.
     */
    static List<FaultWindow> oneIncidentPerObject(List<FaultWindow> windows) {
        Map<String, List<FaultWindow>> parts = new LinkedHashMap<>();
        for (FaultWindow w : windows) {
            int hash = w.fault().lastIndexOf('#');
            String key = hash > 0 ? w.fault().substring(0, hash) + "@" + w.start() + "-" + w.end() : "\0" + parts.size();
            parts.computeIfAbsent(key, k -> new ArrayList<>()).add(w);
        }
        if (parts.size() == windows.size()) return windows;
        List<FaultWindow> merged = new ArrayList<>(parts.size());
        for (List<FaultWindow> group : parts.values()) {
            if (group.size() == 1) {
                merged.add(group.getFirst());
                continue;
            }
            FaultWindow first = group.getFirst();
            var kinds = new LinkedHashSet<String>();
            var targets = new LinkedHashSet<String>();
            var services = new LinkedHashSet<String>();
            var upstream = new LinkedHashSet<String>();
            boolean noOp = true;
            for (FaultWindow w : group) {
                kinds.add(w.kind());
                targets.addAll(w.targets());
                services.addAll(w.services());
                upstream.addAll(w.upstream());
                noOp &= w.noOp();
            }
            merged.add(new FaultWindow(first.fault().substring(0, first.fault().lastIndexOf('#')), String.join("+", kinds), first.start(),
                    first.end(), first.scope(), List.copyOf(targets), List.copyOf(services), List.copyOf(upstream), noOp));
        }
        return merged;
    }

    /**
     * A service is violated or not: SloViolated opens an interval unless one is open, SloRestored closes the open
     * one, and an interval still open at RunEnded closes there, unrestored.
     */
    private static List<Violation> violations(List<JournalEvent> events, long runEnd) {
        Map<String, Long> openSince = new LinkedHashMap<>();
        List<Violation> closed = new ArrayList<>();
        for (JournalEvent e : events) {
            if (e instanceof SloViolated v) {
                openSince.putIfAbsent(v.service(), v.t());
            } else if (e instanceof SloRestored r) {
                Long since = openSince.remove(r.service());
                if (since != null) closed.add(new Violation(r.service(), since, r.t(), r.by() == null ? "" : r.by()));
            }
        }
        openSince.forEach((service, since) -> closed.add(new Violation(service, since, Math.max(since, runEnd), null)));
        return List.copyOf(closed);
    }

    /**
     * The pages that reached a human as new pager incidents: a FIRING whose key is not open. A FIRING or UPDATE of an
     * open key is a notification about a page already sent (Alertmanager's group_interval and repeat_interval
     * notifications, the engine's updates), and RESOLVED closes the key, so a later FIRING pages again.
     */
    private static List<Paged> newPages(List<JournalEvent> events) {
        Set<String> open = new HashSet<>();
        List<Paged> pages = new ArrayList<>();
        for (JournalEvent e : events) {
            if (!(e instanceof Paged p)) continue;
            String key = p.source() + " " + p.key();
            switch (p.state()) {
                case FIRING -> {
                    if (open.add(key)) pages.add(p);
                }
                case UPDATE -> { }
                case RESOLVED -> open.remove(key);
            }
        }
        return List.copyOf(pages);
    }
}
