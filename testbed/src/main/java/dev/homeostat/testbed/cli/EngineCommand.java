package dev.homeostat.testbed.cli;

import dev.homeostat.remediation.live.EngineConfig;
import dev.homeostat.remediation.live.LiveRuntime;
import dev.homeostat.remediation.live.LogFormat;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code homeostat engine}: the self-healing engine against a live cluster — Prometheus in,
 * Alertmanager webhooks in, actions through the Kubernetes API, one acting replica per Lease.
 * Runs until stopped (SIGTERM releases the lease), or for {@code --max-ticks} evaluations.
 */
@Command(name = "engine", mixinStandardHelpOptions = true,
        description = {
                "Run the self-healing engine against a live cluster, as configured by an EngineConfig YAML.",
                "deploy/engine/base/engine.yaml is one.",
                "Each engine event is printed as one line on stdout (and appended to spec.journal as JSON lines when set).",
                "Exit code: 0 stopped cleanly, 1 --max-ticks not reached in time, 2 bad input."})
public final class EngineCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The EngineConfig YAML file.")
    Path config;

    @Option(names = "--dry-run", description = "Touch nothing: log and journal each action as 'dry-run: would ...' (overrides spec.dryRun).")
    boolean dryRun;

    @picocli.CommandLine.Mixin
    KubeconfigOption kubeconfig = new KubeconfigOption();

    @Option(names = "--namespace", paramLabel = "NS", description = "Watch and act in this namespace (repeat for several); replaces spec.kubernetes.namespaces.")
    java.util.List<String> namespaces;

    @Option(names = "--journal", paramLabel = "FILE", description = "Append the engine events here as JSON lines; replaces spec.journal.")
    Path journal;

    @Option(names = "--log-format", paramLabel = "text|json", defaultValue = "text",
            description = "text: event lines on stdout, logs on stderr; json: everything as one JSON object per line on stdout (for a cluster's log collector). Default: ${DEFAULT-VALUE}.")
    String logFormat;

    @Option(names = "--max-ticks", paramLabel = "N", description = "Stop after N evaluations as leader (rehearsals and tests). Default: run until stopped.")
    Long maxTicks;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public Integer call() throws Exception {
        EngineConfig loaded = EngineConfig.load(config, System.getenv());
        EngineConfig cfg = dryRun ? loaded.withDryRun(true) : loaded;
        if (namespaces != null) cfg = cfg.withNamespaces(namespaces);
        if (journal != null) cfg = cfg.withJournal(journal);
        if (maxTicks != null && maxTicks < 1) throw new IllegalArgumentException("--max-ticks: " + maxTicks + " must be at least 1");
        PrintWriter out = spec.commandLine().getOut();
        java.util.function.Consumer<String> lines = LogFormat.parse(logFormat).install(line -> print(out, line));
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(kubeconfig.config()).build();
             LiveRuntime runtime = LiveRuntime.start(cfg, client, lines)) {
            if (maxTicks != null) {
                // Generous: leadership may take a lease duration to arrive, and each tick queries Prometheus.
                Duration limit = runtime.policy().evaluationInterval().multipliedBy(maxTicks * 10).plusSeconds(60);
                if (!runtime.awaitTicks(maxTicks, limit)) {
                    spec.commandLine().getErr().println("homeostat: engine did not reach " + maxTicks + " evaluations within " + limit.toSeconds()
                            + " s (not the leader, or the loop failed; see the log)");
                    return Homeostat.EXIT_FAILED;
                }
                lines.accept("engine stopped after " + runtime.loop().ticks() + " evaluations");
                return Homeostat.EXIT_OK;
            }
            var stopped = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                runtime.close(); // releases the lease, so the other replica takes over at once
                stopped.countDown();
            }, "homeostat-engine-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            stopped.await();
            return Homeostat.EXIT_OK;
        }
    }


    private static void print(PrintWriter out, String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
