package dev.homeostat.remediation.guard;

import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.policy.Mode;
import java.util.Optional;

/** A rule in {@code observe} mode journals what it would do and never acts. */
public final class ModeGuard implements Guard {
    public static final String NAME = "mode";
    public static final String OBSERVE_REASON = "mode observe";

    @Override public String name() { return NAME; }

    @Override
    public Optional<String> veto(ClusterAction action, GuardContext context) {
        return switch (context.mode()) {
            case OBSERVE -> Optional.of(OBSERVE_REASON);
            case AUTO -> Optional.empty();
        };
    }
}
