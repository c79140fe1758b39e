package dev.homeostat.testbed.chaos;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How a live chaos run behaves; validated once, here, so a bad flag fails before anything is applied.
 *
 * @param namespace     overrides every experiment's {@code metadata.namespace} (and the selector's default); null keeps them
 * @param poll          how often the SLO query is read ({@code --poll}, default 5s)
 * @param observe       how long an instant experiment (pod-kill, container-kill) is watched ({@code --observe}, default 2m)
 * @param timeout       the whole run's limit, apply to recovery ({@code --timeout}, default 30m)
 * @param sloErrorRatio error ratio above which a service's SLO counts as violated ({@code --slo-error-ratio}, default 0.01)
 * @param outDir        where the journal goes ({@code --out})
 * @param runId         labels what this run created ({@code homeostat.dev/run-id}); a Kubernetes label value
 */
public record LiveRunOptions(String namespace, Duration poll, Duration observe, Duration timeout, double sloErrorRatio,
                             Path outDir, String runId) {
    public static final Duration DEFAULT_POLL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_OBSERVE = Duration.ofMinutes(2);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);
    public static final double DEFAULT_SLO_ERROR_RATIO = 0.01;

    public LiveRunOptions {
        if (namespace != null && !namespace.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?"))
            throw new IllegalArgumentException("--namespace: '" + namespace + "' is not a Kubernetes namespace name (lower-case letters, digits, '-')");
        positive("--poll", poll);
        positive("--observe", observe);
        positive("--timeout", timeout);
        if (!(sloErrorRatio >= 0 && sloErrorRatio <= 1))
            throw new IllegalArgumentException("--slo-error-ratio: " + sloErrorRatio + " must be a fraction in [0, 1], e.g. 0.01");
        if (outDir == null) throw new IllegalArgumentException("--out: required, the folder for the run journal");
        if (runId == null || !runId.matches("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?"))
            throw new IllegalArgumentException("runId: '" + runId + "' is not a Kubernetes label value (letters, digits, '-', '_', '.', at most 63)");
    }

    /** The defaults, writing into {@code outDir}. */
    public static LiveRunOptions defaults(Path outDir, String runId) {
        return new LiveRunOptions(null, DEFAULT_POLL, DEFAULT_OBSERVE, DEFAULT_TIMEOUT, DEFAULT_SLO_ERROR_RATIO, outDir, runId);
    }

    private static void positive(String flag, Duration d) {
        if (d == null || !d.isPositive()) throw new IllegalArgumentException(flag + ": must be a positive duration such as 5s or 2m, was " + d);
    }
}
