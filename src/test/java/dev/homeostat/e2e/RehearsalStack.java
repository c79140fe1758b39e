package dev.homeostat.e2e;

import static dev.homeostat.e2e.Rehearsal.SLO_QUERY;
import static dev.homeostat.e2e.Rehearsal.SPEED;
import static dev.homeostat.e2e.Rehearsal.TOKEN;
import static dev.homeostat.e2e.Rehearsal.compressedRules;
import static dev.homeostat.e2e.Rehearsal.ms;
import static dev.homeostat.e2e.Rehearsal.policy;
import static dev.homeostat.e2e.Rehearsal.wallMillis;

import dev.homeostat.chaos.model.Schedule;
import dev.homeostat.e2e.Rehearsal.Live;
import dev.homeostat.e2e.Rehearsal.Side;
import dev.homeostat.chaos.model.Workflow;
import dev.homeostat.remediation.live.EngineConfig;
import dev.homeostat.remediation.live.JsonLinesJournal;
import dev.homeostat.remediation.live.LiveRuntime;
import dev.homeostat.remediation.model.EngineEvent;
import dev.homeostat.reports.journal.Journal;
import dev.homeostat.reports.journal.JournalEvent;
import dev.homeostat.reports.score.Scorer;
import dev.homeostat.testbed.chaos.LiveChaosRun;
import dev.homeostat.testbed.chaos.LiveRunOptions;
import dev.homeostat.testbed.chaos.LiveRunResult;
import dev.homeostat.testbed.chaos.PrometheusSloProbe;
import dev.homeostat.testbed.chaos.RunClock;
import dev.homeostat.testbed.chaos.SloProbe;
import dev.homeostat.testbed.run.EngineJournal;
import dev.homeostat.testbed.scenario.ScenarioLoader;
import dev.homeostat.testbed.serve.ServeOptions;
import dev.homeostat.testbed.serve.SimServer;
import io.fabric8.chaosmesh.v1alpha1.DNSChaos;
import io.fabric8.chaosmesh.v1alpha1.HTTPChaos;
import io.fabric8.chaosmesh.v1alpha1.IOChaos;
import io.fabric8.chaosmesh.v1alpha1.NetworkChaos;
import io.fabric8.chaosmesh.v1alpha1.PodChaos;
import io.fabric8.chaosmesh.v1alpha1.StressChaos;
import io.fabric8.chaosmesh.v1alpha1.TimeChaos;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The live side of a {@link Rehearsal}: {@code sim serve}, Prometheus, Alertmanager and the engine, started once; every
 * manifest runs on it in turn; {@link #close()} stops all of it, also after a failure.
 */
final class RehearsalStack implements AutoCloseable {
    /** The simulation's scrape interval, simulated ms: Prometheus' scrape and rule interval and the SLO probe's poll, in wall time. */
    private static final long SCRAPE_MILLIS = 15_000;
    private final Rehearsal rehearsal;
    private final Path work;
    private final List<Process> processes = new ArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private SimServer sim;
    private PrometheusSloProbe prometheus;
    private Path engineJournal;

    RehearsalStack(Rehearsal rehearsal, Path work) throws Exception {
        this.rehearsal = rehearsal;
        this.work = work;
        boolean ok = false;
        try {
            Path serveScenario = work.resolve("serve.yaml");
            Files.writeString(serveScenario, rehearsal.scenarioText("rehearsal", "6h", ""));
            sim = SimServer.start(new ScenarioLoader().load(serveScenario), new ServeOptions(SPEED, new InetSocketAddress("127.0.0.1", 0), 0, 1,
                    false, ServeOptions.DEFAULT_SYNC), line -> System.out.println("[sim] " + line));
            closeables.add(sim);
            int promPort = freePort(), amPort = freePort(), hookPort = freePort(), enginePort = freePort();
            String interval = ms(SCRAPE_MILLIS, SPEED); // the simulation's scrape interval, in wall time
            Files.writeString(work.resolve("rules.yaml"), compressedRules(rehearsal.root().resolve("deploy/engine/base/prometheus-rules.yaml"), interval));
            Files.writeString(work.resolve("token"), TOKEN);
            Files.writeString(work.resolve("prometheus.yml"), """
                    global: {scrape_interval: %s, evaluation_interval: %s}
                    rule_files: [rules.yaml]
                    alerting: {alertmanagers: [{static_configs: [{targets: ['127.0.0.1:%d']}]}]}
                    scrape_configs:
                      - job_name: sim
                        static_configs: [{targets: ['%s']}]
                    """.formatted(interval, interval, amPort, sim.metricsUrl().getAuthority()));
            Files.writeString(work.resolve("alertmanager.yml"), """
                    route: {receiver: engine, group_by: [alertname, namespace, service, pod], group_wait: 0s, group_interval: %s, repeat_interval: %s}
                    receivers:
                      - name: engine
                        webhook_configs:
                          - url: http://127.0.0.1:%d/alerts
                            http_config: {authorization: {type: Bearer, credentials_file: %s}}
                    """.formatted(ms(30_000, SPEED), ms(1_800_000, SPEED), hookPort, work.resolve("token")));
            processes.add(new ProcessBuilder("prometheus", "--config.file=" + work.resolve("prometheus.yml"), "--storage.tsdb.path=" + work.resolve("tsdb"),
                    "--web.listen-address=127.0.0.1:" + promPort).redirectErrorStream(true).redirectOutput(work.resolve("prometheus.log").toFile()).start());
            processes.add(new ProcessBuilder("prometheus-alertmanager", "--config.file=" + work.resolve("alertmanager.yml"),
                    "--storage.path=" + work.resolve("am"), "--web.listen-address=127.0.0.1:" + amPort, "--cluster.listen-address=")
                    .redirectErrorStream(true).redirectOutput(work.resolve("alertmanager.log").toFile()).start());

            Files.writeString(work.resolve("policy.yaml"), policy(SPEED));
            engineJournal = work.resolve("engine.jsonl");
            var config = EngineConfig.parse("""
                    apiVersion: homeostat.dev/v1alpha1
                    kind: EngineConfig
                    metadata: {name: rehearsal}
                    spec:
                      policy: policy.yaml
                      journal: engine.jsonl
                      prometheus: {url: http://127.0.0.1:%d}
                      kubernetes: {namespaces: [default]}
                      webhook: {listen: 127.0.0.1:%d, tokenFile: token}
                      server: {listen: 127.0.0.1:%d}
                      leaderElection: {enabled: false}
                    """.formatted(promPort, hookPort, enginePort), "rehearsal-engine.yaml", work, Map.of());
            closeables.add(LiveRuntime.start(config, sim.client(), line -> System.out.println("[engine] " + line)));
            prometheus = new PrometheusSloProbe(URI.create("http://127.0.0.1:" + promPort), SLO_QUERY, Duration.ofMillis(wallMillis(SCRAPE_MILLIS)), "default");
            // Prometheus scrapes, rules warm up, the engine ticks on a healthy cluster: the detectors' five simulated minutes
            Thread.sleep(wallMillis(330_000));
            ok = true;
        } finally {
            if (!ok) close();
        }
    }

    /** One manifest live, then a recovery gap (the SLO green again) so the next fault's incident stands alone. */
    Live rehearse(Path manifest) throws Exception {
        String name = manifest.getFileName().toString().replace(".yaml", "");
        var runScenario = new ScenarioLoader().load(rehearsal.scenario(manifest));
        long chaosStart = System.currentTimeMillis();
        // The chaos runner on the simulation's time line: its journal, fault windows (a 2m HTTPChaos is 4 s of wall
        // time at 30×), poll and timeout are in simulated time, so the live score is in the simulation's units.
        var options = new LiveRunOptions(null, Duration.ofSeconds(15), Duration.ofSeconds(120), Duration.ofMinutes(25), 0.01, work,
                "rehearsal-" + name);
        SloProbe probe = simulatedNow -> prometheus.read(System.currentTimeMillis()); // Prometheus lives in wall time
        LiveRunResult result;
        try {
            result = new LiveChaosRun(manifest, sim.client(), probe, simulatedClock(chaosStart), options,
                    line -> System.out.println("[chaos " + name + "] " + line)).run();
        } catch (RuntimeException e) {
            return new Live(null, null, e.toString());
        }
        System.out.println("[chaos " + name + "] " + result.outcome() + ": " + result.detail());
        Journal journal = merge(result.journal(), engineJournal, chaosStart);
        var score = Scorer.score(journal, result.journal(), runScenario.scoring());
        System.out.println("rehearsal score (" + name + "): " + score);
        settle();
        return new Live(Side.of(score, 1), result, null);
    }

    /**
     * The chaos runner returned with the SLO green and the targets ready; half a rate window more lets pod-level
     * alerts resolve, then waits until no service's SLO reading is bad (at most 15 simulated minutes).
     */
    private void settle() throws InterruptedException {
        Thread.sleep(wallMillis(30_000));
        long deadline = System.currentTimeMillis() + wallMillis(900_000);
        while (System.currentTimeMillis() < deadline
                && prometheus.read(System.currentTimeMillis()).stream().anyMatch(r -> r.errorRatio() > 0.01))
            Thread.sleep(250);
    }

    /** The chaos resources a run left in the mock API (its run-id label): none after a clean-up. */
    int leftOver(String runId) {
        int n = 0;
        for (var kind : List.<Class<? extends HasMetadata>>of(PodChaos.class, StressChaos.class, NetworkChaos.class, HTTPChaos.class,
                IOChaos.class, TimeChaos.class, DNSChaos.class, Schedule.class, Workflow.class))
            n += sim.client().resources(kind).inNamespace("default").withLabel(LiveChaosRun.RUN_ID_LABEL, runId).list().getItems().size();
        return n;
    }

    /** Stops everything, in reverse order of starting, even when one part fails to stop; the processes last. */
    @Override public void close() throws IOException {
        var failure = new IOException("the rehearsal stack did not stop cleanly");
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                failure.addSuppressed(e);
            }
        }
        for (Process p : processes) {
            p.destroy();
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) p.destroyForcibly();
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        if (failure.getSuppressed().length > 0) throw failure;
    }

    /** Wall time since {@code origin} times the speed: simulated milliseconds, as far as pacing keeps up. */
    private static RunClock simulatedClock(long origin) {
        return new RunClock() {
            @Override public long millis() {
                return origin + Math.round((System.currentTimeMillis() - origin) * SPEED);
            }

            @Override public void sleep(Duration d) throws InterruptedException {
                Thread.sleep(Math.max(1, wallMillis(d.toMillis())));
            }
        };
    }

    private static int freePort() throws IOException {
        try (var s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    /**
     * The chaos run's journal (engine off) with the live engine's journal added on its time line, through the same
     * engine-event mapping a simulated run's journal uses.
     */
    private static Journal merge(Journal chaos, Path engineJournal, long t0) {
        var events = new ArrayList<JournalEvent>();
        long end = 0;
        for (JournalEvent e : chaos.events()) {
            if (e instanceof JournalEvent.RunEnded r) end = r.t();
            else events.add(e);
        }
        // live, a pod's service is its label on the series or the incident; nothing else is known of it here
        EngineJournal.Context live = target -> null;
        for (EngineEvent event : JsonLinesJournal.read(engineJournal)) {
            long t = Math.round((event.timeMillis() - t0) * SPEED); // wall → the chaos journal's simulated ms
            if (t >= 0 && t <= end) events.add(EngineJournal.of(event, t, live));
        }
        events.sort(Comparator.comparingLong(JournalEvent::t));
        events.add(new JournalEvent.RunEnded(end));
        return new Journal(chaos.scenario(), chaos.seed(), true, events);
    }
}
