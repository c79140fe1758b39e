package dev.homeostat.remediation.remediator;

import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.model.Target;
import java.util.function.Function;

/** The one way every target-resolving remediator turns a {@link Targets.Found} into a {@link Decision}. */
final class Remediators {
    private Remediators() { }

    /**
     * Acts on the resolved target; a target that is gone closes the incident ({@code Done}); one
     * that cannot be resolved now is skipped. The intended action of a non-decision names the
     * incident's own target, so the journal says what was meant.
     */
    static Decision decide(Targets.Found found, RemediationRequest request, Function<Target, ClusterAction> action) {
        if (found.present()) return new Decision.Act(action.apply(found.target()));
        ClusterAction intended = action.apply(request.target());
        return found.gone() ? new Decision.Done(intended, found.missing()) : new Decision.Skip(intended, found.missing());
    }
}
