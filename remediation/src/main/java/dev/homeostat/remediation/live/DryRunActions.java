package dev.homeostat.remediation.live;

import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.port.ActionOutcome;
import dev.homeostat.remediation.port.ClusterActions;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * {@code --dry-run}: a {@link ClusterActions} that touches nothing. Each action is logged as
 * {@code dry-run: would restart pod default/checkout-7f9c-x2} and answered with a refused outcome
 * carrying the same text, so the engine journals it as {@code ActionTaken(outcome=REFUSED)} and
 * carries on (verification will then see the target still alerting and escalate, as it would if
 * the cluster had refused).
 */
public final class DryRunActions implements ClusterActions {
    public static final String PREFIX = "dry-run: would ";
    private final Consumer<String> log;

    public DryRunActions(Consumer<String> log) {
        this.log = Objects.requireNonNull(log, "log");
    }

    @Override public ActionOutcome execute(ClusterAction action) {
        String line = PREFIX + describe(action);
        log.accept(line);
        return ActionOutcome.refused(line);
    }

    /**
     * {@code restart pod default/x}, {@code page pod default/x (reason: ...)}: the action's type in
     * words, its target, and any further fields. Written from the record itself rather than a switch
     * over the actions, so actions added to {@link ClusterAction} later read as well.
     */
    public static String describe(ClusterAction action) {
        String verb = words(action.getClass().getSimpleName());
        Target t = action.target();
        String kind = t.kind().name().toLowerCase(Locale.ROOT);
        String where = (t.namespace() == null ? "" : t.namespace() + "/") + t.name();
        var text = new StringBuilder(verb);
        if (!verb.endsWith(" " + kind)) text.append(' ').append(kind);
        text.append(' ').append(where);
        if (action.getClass().isRecord()) {
            for (RecordComponent c : action.getClass().getRecordComponents()) {
                if (c.getName().equals("target")) continue;
                text.append(" (").append(c.getName()).append(": ").append(value(c, action)).append(')');
            }
        }
        return text.toString();
    }

    private static Object value(RecordComponent c, ClusterAction action) {
        try {
            return c.getAccessor().invoke(action);
        } catch (IllegalAccessException | InvocationTargetException e) {
            return "?";
        }
    }

    /** {@code RestartPod} → {@code restart pod}. */
    static String words(String camel) {
        return camel.replaceAll("(?<=[a-z0-9])(?=[A-Z])", " ").toLowerCase(Locale.ROOT);
    }
}
