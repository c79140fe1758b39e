package dev.homeostat.remediation.policy;

import dev.homeostat.detectors.DetectorSpec;
import dev.homeostat.remediation.model.Target;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One metric, or several, watched per target: every series of the (first) metric is one target,
 * named by the label {@code target} ({@code pod}, {@code service} or {@code deployment}), scored by
 * its own {@code detector}. Each entry of {@code metrics} is a {@link MetricSelector}: a name with
 * optional {@code {label="value"}} matchers.
 *
 * <p>With one metric the detector gets one value per sample (univariate). With several it gets a
 * vector in the order given: each sample of the first metric joined with the latest sample of every
 * other metric of the same target (see {@code MultivariateJoin}).
 *
 * <p>{@code peers} (optional, univariate only): a label whose value groups a series with its peers, e.g.
 * {@code service} for the pods of one service; the detector then judges a series' value against its peers' median
 * ({@code peerRatio}: divided by it, else minus it), so what every peer shares (a load ramp, a slow dependency) is
 * not one target's anomaly.
 */
public record Signal(String name, List<String> metrics, Target.Kind target, DetectorSpec detector, String peers, boolean peerRatio) {
    public Signal {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("name: required, e.g. memory-saturation");
        if (metrics == null || metrics.isEmpty()) throw new IllegalArgumentException("metric: required, e.g. pod:container_memory_working_set_bytes:ratio_limit");
        for (String m : metrics) {
            if (m == null || m.isBlank()) throw new IllegalArgumentException("metric: required, e.g. pod:container_memory_working_set_bytes:ratio_limit");
            MetricSelector.parse(m); // throws naming the selector and the fix
        }
        metrics = List.copyOf(metrics);
        Objects.requireNonNull(target, "target");
        if (target == Target.Kind.NODE) throw new IllegalArgumentException("target: node is not supported; use pod, service or deployment");
        Objects.requireNonNull(detector, "detector");
        if (peers != null && (peers.isBlank() || metrics.size() > 1))
            throw new IllegalArgumentException("peers: a label name (e.g. service), and only for a signal of one metric");
        if (peerRatio && peers == null) throw new IllegalArgumentException("peers.compare: ratio needs peers.label");
    }

    /** A signal that judges each series on its own. */
    public Signal(String name, List<String> metrics, Target.Kind target, DetectorSpec detector) {
        this(name, metrics, target, detector, null, false);
    }

    /** A univariate signal over one metric (the form of {@code metric:} in YAML). */
    public Signal(String name, String metric, Target.Kind target, DetectorSpec detector) {
        this(name, metric == null ? null : List.of(metric), target, detector, null, false);
    }

    /** The first (driving) metric; the only one of a univariate signal. */
    public String metric() { return metrics.getFirst(); }

    /** The metrics as selectors, in order. */
    public List<MetricSelector> selectors() { return metrics.stream().map(MetricSelector::parse).toList(); }

    /** True when the detector gets a vector of several metrics per sample. */
    public boolean multivariate() { return metrics.size() > 1; }

    /** The label that names the target in the metric's series: {@code pod}, {@code service} or {@code deployment}. */
    public String targetLabel() { return target.name().toLowerCase(Locale.ROOT); }
}
