package dev.homeostat.chaos;

import dev.homeostat.simulator.fault.ClockSkew;
import dev.homeostat.simulator.fault.Fault;
import io.fabric8.chaosmesh.v1alpha1.TimeChaos;
import io.fabric8.chaosmesh.v1alpha1.TimeChaosSpec;
import java.time.Duration;
import java.util.List;

/**
 * TimeChaos: {@code timeOffset} (a Go duration, may be negative) → {@link ClockSkew} of the selected
 * containers, which fails their requests when |offset| exceeds {@link #TOLERANCE} (see ClockSkew).
 */
final class TimeChaosTranslator implements FaultTranslator<TimeChaos> {
    /**
     * Leeway of time-checked credentials: the default clock skew of common JWT validators (Spring Security's
     * JwtTimestampValidator and Nimbus JOSE: 60 s; jjwt, PyJWT, golang-jwt: none). A few minutes of skew already fails
     * freshly issued tokens ({@code nbf}/{@code iat} in the future) or short-lived ones.
     */
    static final Duration TOLERANCE = Duration.ofSeconds(60);
    private static final List<String> CLOCKS = List.of("CLOCK_REALTIME", "CLOCK_MONOTONIC", "CLOCK_PROCESS_CPUTIME_ID", "CLOCK_THREAD_CPUTIME_ID",
            "CLOCK_MONOTONIC_RAW", "CLOCK_REALTIME_COARSE", "CLOCK_MONOTONIC_COARSE", "CLOCK_BOOTTIME", "CLOCK_REALTIME_ALARM",
            "CLOCK_BOOTTIME_ALARM");

    @Override public Class<TimeChaos> modelType() { return TimeChaos.class; }

    @Override public List<Fault> translate(TimeChaos chaos, ManifestContext ctx) {
        TimeChaosSpec spec = chaos.getSpec();
        if (spec == null) throw ctx.fail("spec", "required: TimeChaos needs spec.timeOffset, spec.mode, spec.selector and spec.duration");
        String text = spec.getTimeOffset();
        if (text == null || text.isBlank()) throw ctx.fail("spec.timeOffset", "required: the clock offset as a Go duration, e.g. -10m or 2h");
        boolean negative = text.strip().startsWith("-");
        Duration offset = ctx.optionalDuration("spec.timeOffset", negative ? text.strip().substring(1) : text.strip().replaceFirst("^\\+", "")).orElseThrow();
        if (offset.isZero()) throw ctx.fail("spec.timeOffset", "must not be 0: the clock would not move");
        List<String> clocks = spec.getClockIds() == null ? List.of() : spec.getClockIds();
        for (int i = 0; i < clocks.size(); i++)
            if (!CLOCKS.contains(clocks.get(i))) throw ctx.fail("spec.clockIds[" + i + "]", "unknown clock \"" + clocks.get(i) + "\"; use e.g. CLOCK_REALTIME");
        var sel = ChaosSelectors.translate("spec", spec.getSelector(), spec.getMode(), spec.getValue(), spec.getContainerNames(), ctx);
        Duration duration = ctx.duration("spec.duration", spec.getDuration(), "for TimeChaos (how long the clock stays off)");
        // Credentials are checked against the wall clock: a skew of CLOCK_MONOTONIC alone (or of no realtime clock) cannot fail them.
        boolean realtime = clocks.isEmpty() || clocks.stream().anyMatch(c -> c.startsWith("CLOCK_REALTIME"));
        return List.of(new ClockSkew(ctx.faultNames(1).getFirst(), ctx.appliedAt(), duration, sel.selector(), sel.mode(),
                negative ? offset.negated() : offset, TOLERANCE, realtime));
    }
}
