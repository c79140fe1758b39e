package dev.homeostat.remediation.policy;

import dev.homeostat.detectors.DetectorSpec;
import dev.homeostat.remediation.model.Target;
import java.util.Locale;
import java.util.Objects;

/**
 * One metric watched per target: every series of {@code metric} is one target, named by the label
 * {@code target} ({@code pod}, {@code service} or {@code deployment}), scored by its own {@code detector}.
 */
public record Signal(String name, String metric, Target.Kind target, DetectorSpec detector) {
    public Signal {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("name: required, e.g. memory-saturation");
        if (metric == null || metric.isBlank()) throw new IllegalArgumentException("metric: required, e.g. pod:container_memory_working_set_bytes:ratio_limit");
        Objects.requireNonNull(target, "target");
        if (target == Target.Kind.NODE) throw new IllegalArgumentException("target: node is not supported; use pod, service or deployment");
        Objects.requireNonNull(detector, "detector");
    }

    /** The label that names the target in the metric's series: {@code pod}, {@code service} or {@code deployment}. */
    public String targetLabel() { return target.name().toLowerCase(Locale.ROOT); }
}
