package dev.homeostat.remediation.guard;

import dev.homeostat.remediation.model.ClusterAction;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * At most {@code maxPerMinute} actions in any 60 s, over all targets. A token bucket whose tokens
 * each come back exactly one minute after they were spent: unlike a bucket that refills
 * continuously, it never allows a burst plus a refill (up to twice the limit) inside one minute.
 */
public final class RateLimitGuard implements Guard {
    private static final long WINDOW_MILLIS = 60_000;
    private final int maxPerMinute;
    private final ArrayDeque<Long> spent = new ArrayDeque<>();

    public RateLimitGuard(int maxPerMinute) {
        if (maxPerMinute < 1) throw new IllegalArgumentException("maxActionsPerMinute: must be >= 1, was " + maxPerMinute);
        this.maxPerMinute = maxPerMinute;
    }

    @Override public String name() { return "rate-limit"; }

    @Override
    public Optional<String> veto(ClusterAction action, GuardContext context) {
        returnTokens(context.nowMillis());
        if (spent.size() < maxPerMinute) return Optional.empty();
        long nextToken = spent.peekFirst() + WINDOW_MILLIS;
        return Optional.of(maxPerMinute + " actions in the last minute (maxActionsPerMinute " + maxPerMinute
                + "); next allowed in " + (nextToken - context.nowMillis()) / 1000 + "s");
    }

    @Override
    public void onExecuted(ClusterAction action, GuardContext context) {
        returnTokens(context.nowMillis());
        spent.addLast(context.nowMillis());
    }

    private void returnTokens(long now) {
        while (!spent.isEmpty() && spent.peekFirst() <= now - WINDOW_MILLIS) spent.removeFirst();
    }
}
