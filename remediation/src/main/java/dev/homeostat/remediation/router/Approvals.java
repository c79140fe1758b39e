package dev.homeostat.remediation.router;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The approvals desk between the engine thread and the humans (live: the HTTP thread of
 * {@code EngineServer}). Humans only record a decision here; the router reads it at its next tick,
 * so the engine and its journal stay single-threaded. Every method is synchronized for that reason.
 */
public final class Approvals {
    /** A human's answer to one approval. */
    enum Decision { PENDING, APPROVED, REJECTED }

    private record Entry(PendingApproval approval, Decision decision) { }

    /** By id, sorted: the listing is deterministic. */
    private final Map<String, Entry> entries = new TreeMap<>();

    /** The approvals nobody has decided yet, sorted by id. */
    public synchronized List<PendingApproval> pending() {
        return entries.values().stream().filter(e -> e.decision == Decision.PENDING).map(Entry::approval).toList();
    }

    /** Approves a pending approval; false when no approval with that id is pending. */
    public synchronized boolean approve(String id) { return decide(id, Decision.APPROVED); }

    /** Rejects a pending approval; false when no approval with that id is pending. */
    public synchronized boolean reject(String id) { return decide(id, Decision.REJECTED); }

    private boolean decide(String id, Decision decision) {
        Entry e = entries.get(id);
        if (e == null || e.decision != Decision.PENDING) return false;
        entries.put(id, new Entry(e.approval, decision));
        return true;
    }

    synchronized void request(PendingApproval approval) {
        entries.putIfAbsent(approval.id(), new Entry(approval, Decision.PENDING));
    }

    synchronized Optional<Decision> decision(String id) {
        return Optional.ofNullable(entries.get(id)).map(Entry::decision);
    }

    synchronized Optional<PendingApproval> get(String id) {
        return Optional.ofNullable(entries.get(id)).map(Entry::approval);
    }

    /** Forgets an approval once its incident has moved on (acted, expired, rejected, or resolved). */
    synchronized void forget(String id) { entries.remove(id); }
}
