package dev.homeostat.remediation.guard;

import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.policy.Mode;
import java.util.Optional;

/**
 * A rule in {@code observe} mode journals what it would do and never acts. {@code recommend} and
 * {@code approve} are held back earlier, by the router (it pages the recommendation, or waits for a
 * human's approval); what reaches the guards from them is a recommendation page or an approved
 * action, which the other guards still judge, so this guard lets them through.
 */
public final class ModeGuard implements Guard {
    public static final String NAME = "mode";
    public static final String OBSERVE_REASON = "mode observe";

    @Override public String name() { return NAME; }

    @Override
    public Optional<String> veto(ClusterAction action, GuardContext context) {
        return switch (context.mode()) {
            case OBSERVE -> Optional.of(OBSERVE_REASON);
            case AUTO, RECOMMEND, APPROVE -> Optional.empty();
        };
    }
}
