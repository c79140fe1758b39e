package dev.homeostat.testbed.chaos;

import java.nio.file.Path;

/** What a live run needs around it: the JVM shutdown hook, error texts, the scenario name of a manifest. */
final class LiveRuns {
    private LiveRuns() { }

    static boolean register(Thread hook) {
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            return true;
        } catch (IllegalStateException shuttingDown) {
            return false; // the JVM is already going down: the finally below still cleans up
        }
    }

    static void unregister(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or ran: nothing left to remove
        }
    }

    /** The exception and its causes' messages: fabric8 puts the reason (refused, 403, TLS) in the cause. */
    static String describe(Throwable e) {
        var out = new StringBuilder(e.toString());
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) out.append(" (caused by ").append(c).append(')');
        return out.toString();
    }

    static String scenarioName(Path manifest) {
        String name = manifest.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** What a log line about targets adds when some are in {@code clusters}, which no kubeconfig context reaches. */
    static String notWatchedSuffix(java.util.Set<String> clusters) {
        return clusters.isEmpty() ? "" : " — not watched: " + notWatchedText(clusters);
    }

    /** Why an experiment naming {@code clusters} in remoteCluster has no watched pods. */
    static String notWatchedText(java.util.Set<String> clusters) {
        return "the experiment runs in cluster " + String.join(", ", clusters) + ", which the kubeconfig has no context for, so its pods are not watched";
    }
}
