package dev.homeostat.remediation.router;

import dev.homeostat.remediation.model.Target;

/**
 * A remediation in flight, for inspection: opened by {@code rule} on {@code target}; {@code current}
 * is what actions now aim at (a restarted pod's replacement once it alerts); {@code action} is the
 * chain's current action (index {@code step}).
 */
public record IncidentView(long id, String rule, Target target, Target current, String service, Phase phase, int step,
                           String action) { }
