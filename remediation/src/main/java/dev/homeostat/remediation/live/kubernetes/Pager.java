package dev.homeostat.remediation.live.kubernetes;

import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.port.ActionOutcome;

/** Where a live {@code page} goes: a human's webhook. Never throws for an unreachable receiver; refuses instead. */
@FunctionalInterface
public interface Pager {
    ActionOutcome page(ClusterAction.Page page);

    /** No pager configured: every page is refused, saying so (and still journaled as a refused page). */
    Pager NONE = page -> ActionOutcome.refused("no pager configured; page not delivered: " + page.reason());
}
