package dev.homeostat.testbed.cli;

import dev.homeostat.units.GoDuration;
import dev.homeostat.chaos.ManifestProblem;
import dev.homeostat.testbed.chaos.LiveChaosRun;
import dev.homeostat.testbed.chaos.LiveRunOptions;
import dev.homeostat.testbed.chaos.LiveRunResult;
import dev.homeostat.testbed.chaos.ManifestValidation;
import dev.homeostat.testbed.chaos.Planned;
import dev.homeostat.testbed.chaos.PrometheusSloProbe;
import dev.homeostat.testbed.chaos.RemoteClusters;
import dev.homeostat.testbed.chaos.RunClock;
import dev.homeostat.testbed.chaos.SloProbe;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code homeostat chaos}: Chaos Mesh manifests on their own — {@code validate} checks them without running
 * anything; {@code run --live} applies them to a cluster, watches, always deletes what it created, and writes a
 * journal the reports score like a baseline run.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true,
        description = "Check Chaos Mesh manifests, or run them against a live cluster.",
        subcommands = {ChaosCommand.Validate.class, ChaosCommand.Run.class, ChaosCommand.Upgrade.class, CommandLine.HelpCommand.class})
public final class ChaosCommand {

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = {
                    "Check manifests without running them, against the Chaos Mesh CRDs: kinds, fields, types, selectors, durations,",
                    "crons, modes and values. Prints 'file:line: field: problem' for the first problem of each bad file, a note for each",
                    "field the simulation approximates or gives no effect and for each name it generates (metadata.generateName, which",
                    "kubectl create takes and kubectl apply refuses), 'not a Chaos Mesh object (kind X): skipped' for other objects, then",
                    "'N files, M problems'. Schedules are checked at their first firing; --duration checks every firing of a run that long.",
                    "Exit code: 0 all good, 2 a problem."})
    public static final class Validate implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "Manifest files, or folders searched recursively for *.yaml / *.yml / *.json.")
        List<Path> paths;

        @Option(names = "--duration", paramLabel = "DURATION",
                description = "Check every firing of each Schedule over a run this long (e.g. 2h), as a scenario of that length would. Default: the first firing.")
        String duration;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            dev.homeostat.chaos.ManifestCheck report = ManifestValidation.validate(paths, duration == null ? null : Run.duration("--duration", duration));
            for (ManifestProblem p : report.problems()) out.println(p);
            for (var n : report.notes()) out.println(n);
            for (var s : report.skipped()) out.println(s);
            out.println(report.summary());
            out.flush();
            return report.ok() ? Homeostat.EXIT_OK : Homeostat.EXIT_BAD_INPUT;
        }
    }

    @Command(name = "upgrade", mixinStandardHelpOptions = true,
            description = {
                    "Rewrite Chaos Mesh 1.x manifests as 2.x takes them: the API group pingcap.com becomes chaos-mesh.org, and an",
                    "experiment's spec.scheduler becomes a Schedule of that cron creating the experiment (for its duration) at each",
                    "firing; a Workflow's templates written with the pre-2.0 Workflow API's duration, tasks and conditionalTasks get",
                    "2.x's deadline, children and conditionalBranches. Other objects and fields are kept; comments are not; every string",
                    "is written quoted. One file: the result on stdout; --out DIR: each file",
                    "written there under its own name. The changes, one line each, go to stderr. Check the result with 'chaos validate'.",
                    "Exit code: 0 done, 2 bad input."})
    public static final class Upgrade implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "FILE", description = "Manifest files.")
        List<Path> files;

        @Option(names = "--out", paramLabel = "DIR", description = "Write each upgraded file here (required for more than one file).")
        Path out;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override public Integer call() throws IOException {
            if (files.size() > 1 && out == null) throw new IllegalArgumentException("--out: required for more than one file; give a folder, e.g. --out upgraded/");
            var upgraded = new ArrayList<String>();
            var names = new java.util.TreeSet<String>();
            for (Path f : files) {
                if (!Files.isRegularFile(f)) throw new IllegalArgumentException(f + ": not a file; give manifest files");
                if (!names.add(f.getFileName().toString()))
                    throw new IllegalArgumentException(f + ": a second file named " + f.getFileName() + "; --out would hold only one of them, so upgrade them apart");
                var result = dev.homeostat.chaos.LegacyManifests.upgrade(f.toString(), Files.readString(f));
                result.changes().forEach(spec.commandLine().getErr()::println);
                if (result.changes().isEmpty()) spec.commandLine().getErr().println(f + ": nothing to upgrade");
                upgraded.add(result.yaml());
            }
            // everything is read and converted before anything is written: a bad file leaves no half-written output
            if (out == null) {
                spec.commandLine().getOut().print(upgraded.getFirst());
                spec.commandLine().getOut().flush();
            } else {
                Files.createDirectories(out);
                for (int i = 0; i < files.size(); i++) Files.writeString(out.resolve(files.get(i).getFileName()), upgraded.get(i));
            }
            spec.commandLine().getErr().flush();
            return Homeostat.EXIT_OK;
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {
                    "Apply Chaos Mesh experiments to a live cluster (--live) and watch the selected pods and the SLO through the",
                    "fault window (the experiment's duration, or --observe for instant kinds) until they recover, then delete",
                    "what was created — also on failure, timeout and Ctrl-C. One journal per manifest file goes to --out.",
                    "A folder runs its files one after another. --dry-run prints what would be applied and applies nothing.",
                    "--simulate runs them in the simulator instead (see --simulate).",
                    "Exit code: 0 recovered, 1 timed out or failed, 2 bad input, 130 interrupted."})
    public static final class Run implements Callable<Integer> {
        @Parameters(arity = "1", paramLabel = "MANIFEST|DIR", description = "A manifest file, or a folder of them.")
        Path path;

        @Option(names = "--live", description = "Run against the cluster of --kubeconfig (required unless --dry-run or --simulate).")
        boolean live;

        @Option(names = "--dry-run", description = "Print the YAML that would be applied (labelled, namespaced) and apply nothing.")
        boolean dryRun;

        // --simulate (cli/ChaosSimulate): the manifest in a scenario built from its selectors, run as 'homeostat run' runs it
        @Option(names = "--simulate", description = "Run each manifest in the simulator instead, in a cluster holding the pods its selectors pick, "
                + "baseline and engine as 'homeostat run' does: the generated scenario.yaml, a copy of the manifest and the reports go to --out "
                + "(default out/chaos-sim). Exit code: 0 every manifest took effect, 1 one took no effect, 2 bad input.")
        boolean simulate;

        @Option(names = "--seed", paramLabel = "N", description = "With --simulate: the seed of both runs. Default: 1.")
        Long seed;

        @Option(names = "--engine-policy", paramLabel = "FILE", description = "With --simulate: the engine's RemediationPolicy. Default: remediation/policies/default.yaml.")
        Path enginePolicy;

        private Integer simulateOrNull() {
            var parsed = spec.commandLine().getParseResult();
            if (!simulate) {
                for (String flag : List.of("--seed", "--engine-policy"))
                    if (parsed.hasMatchedOption(flag)) throw new IllegalArgumentException(flag + ": only with --simulate; add --simulate to run the manifest in the simulator");
                return null;
            }
            for (String flag : List.of("--live", "--dry-run", "--kubeconfig", "--namespace", "--prometheus", "--slo-query", "--slo-error-ratio",
                    "--poll", "--observe", "--timeout", "--run-id"))
                if (parsed.hasMatchedOption(flag))
                    throw new IllegalArgumentException(flag + ": not with --simulate (it runs in the simulator, not against a cluster); drop one of them");
            Path simOut = parsed.hasMatchedOption("--out") ? out : ChaosSimulate.DEFAULT_OUT;
            return ChaosSimulate.run(path, seed == null ? 1 : seed, enginePolicy, simOut, spec.commandLine().getOut(), spec.commandLine().getErr());
        }

        @picocli.CommandLine.Mixin
        KubeconfigOption kubeconfig = new KubeconfigOption();

        @Option(names = "--namespace", paramLabel = "NS", description = "Apply every experiment here (overrides metadata.namespace, and the selector's default namespace).")
        String namespace;

        @Option(names = "--prometheus", paramLabel = "URL", description = "Prometheus base URL for the SLO query, e.g. http://prometheus:9090. Default: no SLO watch.")
        String prometheus;

        @Option(names = "--slo-query", paramLabel = "PROMQL", defaultValue = PrometheusSloProbe.DEFAULT_QUERY,
                description = "PromQL giving an error ratio per service (label 'service'). Default: ${DEFAULT-VALUE}.")
        String sloQuery;

        @Option(names = "--slo-error-ratio", paramLabel = "RATIO", defaultValue = "0.01",
                description = "An SLO is violated while the error ratio is above this. Default: ${DEFAULT-VALUE}.")
        double sloErrorRatio;

        @Option(names = "--poll", paramLabel = "DURATION", defaultValue = "5s", description = "How often the SLO is read. Default: ${DEFAULT-VALUE}.")
        String poll;

        @Option(names = "--observe", paramLabel = "DURATION", defaultValue = "2m",
                description = "How long instant experiments (pod-kill, container-kill) are watched. Default: ${DEFAULT-VALUE}.")
        String observe;

        @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30m",
                description = "Limit of one run, apply to recovery; then it is deleted and ends with exit code 1. Default: ${DEFAULT-VALUE}.")
        String timeout;

        @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/chaos", description = "Folder for the journals. Default: ${DEFAULT-VALUE} (out/chaos-sim with --simulate).")
        Path out;

        @Option(names = "--run-id", paramLabel = "ID", description = "Label value marking what this run creates (homeostat.dev/run-id). Default: derived from the time.")
        String runId;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override public Integer call() throws IOException {
            Integer simulated = simulateOrNull();
            if (simulated != null) return simulated;
            PrintWriter stdout = spec.commandLine().getOut();
            if (!Files.exists(path)) throw new IllegalArgumentException(path + ": no such file or directory; name a manifest file or a folder of them");
            List<Path> files = ManifestValidation.manifests(path);
            if (files.isEmpty()) throw new IllegalArgumentException(path + ": no *.yaml, *.yml or *.json manifests in this folder");
            String id = runId != null ? runId : "r" + Long.toString(System.currentTimeMillis(), 36);
            if (dryRun) {
                for (Path f : files) {
                    stdout.println("# " + f + " (dry run: nothing applied)");
                    stdout.print(Planned.dryRunYaml(f, namespace, id));
                }
                stdout.flush();
                return Homeostat.EXIT_OK;
            }
            if (!live)
                throw new IllegalArgumentException("chaos run: add --live to run against a cluster (or --dry-run to see what would be applied); "
                        + "or --simulate to run it in the simulator in a cluster built from its selectors, scored as 'homeostat run' scores a scenario");
            LiveRunOptions options = new LiveRunOptions(namespace, duration("--poll", poll), duration("--observe", observe),
                    duration("--timeout", timeout), sloErrorRatio, out, id);
            StagedOutput.checkFolder("--out", out);   // before anything is applied to the cluster
            URI prometheusUrl = prometheusUrl();
            Config config = kubeconfig.config();
            // an experiment naming spec.remoteCluster X is watched through the kubeconfig's context X, if it has one
            try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
                 RemoteClusters remotes = RemoteClusters.of(KubeconfigOption.contexts(config), this::clientOf)) {
                return runAll(client, remotes, files, options, prometheusUrl, sloQuery, RunClock.system(), stdout);
            }
        }

        private KubernetesClient clientOf(String context) {
            try {
                return new KubernetesClientBuilder().withConfig(kubeconfig.config(context)).build();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        /**
         * Every file planned (checked) before the first is applied, then run one after another; experiments that name a
         * {@code remoteCluster} are watched through {@code remotes}.
         */
        static int runAll(KubernetesClient client, RemoteClusters remotes, List<Path> files, LiveRunOptions options, URI prometheus,
                          String sloQuery, RunClock clock, PrintWriter stdout) {
            String ns = options.namespace() != null ? options.namespace() : client.getNamespace() != null ? client.getNamespace() : "default";
            SloProbe slo = prometheus == null ? SloProbe.NONE : new PrometheusSloProbe(prometheus, sloQuery, options.poll(), ns);
            var runs = new ArrayList<LiveChaosRun>();
            for (Path f : files) runs.add(new LiveChaosRun(f, client, remotes, slo, clock, options, line -> print(stdout, line)));
            if (prometheus == null) print(stdout, "no --prometheus: the SLO is not watched, only the selected pods");
            int exit = Homeostat.EXIT_OK;
            var results = new ArrayList<LiveRunResult>();
            for (int i = 0; i < runs.size(); i++) {
                LiveRunResult r = runs.get(i).run();
                results.add(r);
                print(stdout, files.get(i) + ": " + r.outcome() + " — " + r.detail() + "; " + r.targets().size() + " target pod(s), signal "
                        + (r.signalMoved() ? "moved" : "did not move") + (r.cleanedUp() ? "" : "; CLEANUP INCOMPLETE (see above)")
                        + (r.journalFile() == null ? "" : "; journal " + r.journalFile()));
                exit = Math.max(exit, r.outcome().exitCode());
                if (r.outcome() == LiveRunResult.Outcome.INTERRUPTED) break;
                if (!r.cleanedUp()) exit = Math.max(exit, Homeostat.EXIT_FAILED);
            }
            // the same report files `homeostat run` writes, from the live journals
            if (dev.homeostat.testbed.chaos.LiveReport.write("chaos-live", results, options.outDir()) != null)
                print(stdout, "report:  " + options.outDir().resolve(dev.homeostat.reports.ReportWriter.REPORT_JSON) + " (summary.md, index.html, junit.xml beside it)");
            return exit;
        }

        private URI prometheusUrl() {
            if (prometheus == null) return null;
            try {
                URI uri = URI.create(prometheus);
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) throw new IllegalArgumentException();
                return uri;
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--prometheus: '" + prometheus + "' is not an http(s) URL; write e.g. http://prometheus:9090");
            }
        }

        static Duration duration(String flag, String text) {
            try {
                return GoDuration.parse(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(flag + ": '" + text + "' is not a duration (" + e.getMessage() + "); write e.g. 5s, 2m, 1h30m");
            }
        }


        private static void print(PrintWriter out, String line) {
            synchronized (out) {
                out.println(line);
                out.flush();
            }
        }
    }
}
