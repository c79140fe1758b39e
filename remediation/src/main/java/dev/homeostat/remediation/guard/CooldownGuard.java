package dev.homeostat.remediation.guard;

import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.units.GoDuration;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * No two actions of one kind on one target within {@code cooldown}. Kinds are kept apart so that a
 * page that follows a failed restart is not held back by the restart it escalates. A cooldown stops flapping, so
 * a scale-up to more replicas than the last one on its Deployment passes (an autoscaler's scale-ups are not held back
 * either); a scale to as many or fewer waits.
 */
public final class CooldownGuard implements Guard {
    private final long cooldownMillis;
    private final String cooldownText;
    /** Last execution per (kind, target); pruned as entries expire, so it stays as small as the recent past. */
    private final Map<String, Long> lastAction = new HashMap<>();
    /** The replicas the last scale of a Deployment set, while its cooldown runs. */
    private final Map<String, Integer> scaledTo = new HashMap<>();

    public CooldownGuard(Duration cooldown) {
        this.cooldownMillis = cooldown.toMillis();
        this.cooldownText = GoDuration.formatCompact(cooldown);
    }

    @Override public String name() { return "cooldown"; }

    @Override
    public Optional<String> veto(ClusterAction action, GuardContext context) {
        Long last = lastAction.get(key(action));
        if (last == null || context.nowMillis() - last >= cooldownMillis) return Optional.empty();
        if (action instanceof ClusterAction.ScaleDeployment s && s.replicas() > scaledTo.getOrDefault(key(action), Integer.MAX_VALUE)) {
            return Optional.empty();
        }
        long left = cooldownMillis - (context.nowMillis() - last);
        return Optional.of(action.kind() + " on " + action.target().ref() + " " + (context.nowMillis() - last) / 1000
                + "s ago; cooldown " + cooldownText + " (" + GoDuration.formatCompact(Duration.ofMillis(left)) + " left)");
    }

    @Override
    public void onExecuted(ClusterAction action, GuardContext context) {
        long now = context.nowMillis();
        lastAction.values().removeIf(t -> now - t >= cooldownMillis);
        scaledTo.keySet().retainAll(lastAction.keySet());
        if (cooldownMillis > 0) lastAction.put(key(action), now);
        if (action instanceof ClusterAction.ScaleDeployment s) scaledTo.put(key(action), s.replicas());
    }

    private static String key(ClusterAction action) { return action.kind() + " " + action.target().ref(); }
}
