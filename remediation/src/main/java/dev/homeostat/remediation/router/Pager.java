package dev.homeostat.remediation.router;

import dev.homeostat.remediation.model.EngineEvent;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.port.EngineListener;
import java.util.Map;
import java.util.TreeMap;

/**
 * The engine's pages: one pager incident per problem (its key: a service's, or a lost node's whose services page as
 * one, see {@link LostNodes}), opened by the first page, updated — not repeated — when another incident of the same
 * problem pages or its story changes, and resolved when the problem has been quiet for {@code quietMillis} with
 * nothing of it in flight.
 */
final class Pager {
    private final EngineListener listener;
    private final long quietMillis;
    /** Open pages by key: what was said last, and when the service last alerted. */
    private final Map<String, Open> open = new TreeMap<>();
    private int opened;

    private static final class Open {
        final String key;
        final Target target;
        final String service;
        String lastReason;
        long lastAlertAt;
        /** The problems paging under this page's key besides its own (a lost node's services): their alerts keep it open. */
        final java.util.Set<String> members = new java.util.TreeSet<>();

        Open(String key, Target target, String service, String reason, long at) {
            this.key = key;
            this.target = target;
            this.service = service;
            this.lastReason = reason;
            this.lastAlertAt = at;
        }
    }

    Pager(EngineListener listener, long quietMillis) {
        this.listener = listener;
        this.quietMillis = quietMillis;
    }

    /**
     * Pages about the problem {@code problem} (a service ref, or a lost node's) for {@code member} (the paging incident's
     * own problem, which alerts keep it open): a new pager incident, or an update of the open one.
     */
    void page(long now, String problem, String member, Target target, String service, String reason) {
        Open page = open.get(problem);
        if (page == null) {
            page = new Open(problem + "#" + (++opened), target, service, reason, now);
            open.put(problem, page);
            listener.on(new EngineEvent.Paged(now, target, service, page.key, EngineEvent.PageState.FIRING, reason));
        } else if (!reason.equals(page.lastReason)) {
            page.lastReason = reason;
            page.lastAlertAt = now;
            listener.on(new EngineEvent.Paged(now, target, service, page.key, EngineEvent.PageState.UPDATE, reason));
        }
        if (!member.equals(problem)) page.members.add(member);
    }

    /** The problem alerted at {@code t}: keeps its page open, and any page it pages under as a member. */
    void alerted(String problem, long t) {
        Open page = open.get(problem);
        if (page != null) page.lastAlertAt = Math.max(page.lastAlertAt, t);
        for (Open o : open.values()) if (o.members.contains(problem)) o.lastAlertAt = Math.max(o.lastAlertAt, t);
    }

    boolean isOpen(String problem) { return open.containsKey(problem); }

    /** Resolves the pages of problems quiet for the quiet period, except those {@code busy} says are still in flight. */
    void resolveQuiet(long now, java.util.function.Predicate<String> busy) {
        open.entrySet().removeIf(e -> {
            Open page = e.getValue();
            if (busy.test(e.getKey()) || now - page.lastAlertAt < quietMillis) return false;
            listener.on(new EngineEvent.Paged(now, page.target, page.service, page.key, EngineEvent.PageState.RESOLVED,
                    e.getKey() + " quiet for " + quietMillis / 1000 + " s: resolved"));
            return true;
        });
    }
}
