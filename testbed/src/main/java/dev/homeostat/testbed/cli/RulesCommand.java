package dev.homeostat.testbed.cli;

import dev.homeostat.remediation.live.EngineConfig;
import dev.homeostat.remediation.live.rules.RuleFiles;
import dev.homeostat.remediation.live.rules.SignalAlertRules;
import dev.homeostat.remediation.policy.Policy;
import dev.homeostat.remediation.policy.PolicyLoader;
import dev.homeostat.remediation.slo.BurnRateAlert;
import dev.homeostat.remediation.slo.SloAlertRules;
import dev.homeostat.remediation.slo.SloObjective;
import dev.homeostat.simulator.metrics.MetricNames;
import dev.homeostat.testbed.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code homeostat rules}: the Prometheus alerting rules of a policy, one per signal with a {@code homeostat_signal}
 * label, as a PrometheusRule (default) or a plain rule file; generated, so they never drift from the policy.
 */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = {
                "Print the Prometheus alerting rules of a RemediationPolicy, and optionally its SLO burn-rate paging rules.",
                "One rule per signal, labelled homeostat_signal=<signal>, whose condition is the signal's detector in PromQL",
                "(threshold exactly; mad and ewma as a z-score over the same window). Signals whose detector has no PromQL form",
                "are listed in a comment at the top and on stderr.",
                "Exit code: 0 written, 2 bad input."})
public final class RulesCommand implements Callable<Integer> {
    @Option(names = "--policy", required = true, paramLabel = "FILE", description = "The RemediationPolicy YAML.")
    Path policy;

    @Option(names = "--config", paramLabel = "FILE", description = "An EngineConfig whose prometheus.queries replace metric names by PromQL (as the engine queries them).")
    Path config;

    @Option(names = "--slo", paramLabel = "NS/SERVICE=KIND:TARGET[@THRESHOLD]",
            description = {"Also the SLO burn-rate paging rules (multi-window, multi-burn-rate, as the simulation pages the baseline) for this",
                    "objective; repeat for several. e.g. shop/checkout=availability:0.999, shop/checkout=latency:0.99@400ms."})
    List<String> slos;

    @Option(names = "--scenario", paramLabel = "FILE",
            description = "Also the SLO burn-rate rules for every service of this scenario, with its SLOs, exactly as its simulation pages.")
    Path scenario;

    @Option(names = "--format", paramLabel = "prometheus-rule|rule-file", defaultValue = "prometheus-rule",
            description = "prometheus-rule: a monitoring.coreos.com/v1 PrometheusRule; rule-file: groups: for rule_files and promtool. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "homeostat-signal-alerts", description = "The PrometheusRule's name. Default: ${DEFAULT-VALUE}.")
    String name;

    @Option(names = "--namespace", paramLabel = "NS", defaultValue = "homeostat", description = "The PrometheusRule's namespace. Default: ${DEFAULT-VALUE}.")
    String namespace;

    @Option(names = "--out", paramLabel = "FILE", description = "Write here (atomically) instead of stdout.")
    Path out;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public Integer call() throws IOException {
        if (!format.equals("prometheus-rule") && !format.equals("rule-file"))
            throw new IllegalArgumentException("--format: '" + format + "' is neither prometheus-rule nor rule-file");
        Policy p = PolicyLoader.load(policy);
        Map<String, String> queries = config == null ? Map.of() : EngineConfig.load(config, System.getenv()).prometheus().queries();
        var objectives = new java.util.ArrayList<SloObjective>();
        if (slos != null) for (String slo : slos) objectives.add(objective(slo));
        if (scenario != null) {
            for (var service : new ScenarioLoader().load(scenario).simulation().cluster().services()) {
                if (service.slo().availability() < 1) objectives.add(SloObjective.availability(service.namespace(), service.name(), service.slo().availability()));
                objectives.add(SloObjective.latency(service.namespace(), service.name(), 0.99, service.slo().latencyP99().toMillis() / 1000.0));
            }
        }
        String text = render(p, queries, objectives, format, name, namespace);
        for (SignalAlertRules.Skipped s : new SignalAlertRules(p, queries).skipped())
            spec.commandLine().getErr().println("homeostat: signal " + s.signal() + ": no alert rule: " + s.reason());
        if (out == null) {
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.print(text);
            stdout.flush();
        } else {
            Path tmp = Files.createTempFile(out.toAbsolutePath().getParent(), ".rules", ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return Homeostat.EXIT_OK;
    }

    /** The file {@code homeostat rules} writes for {@code policy}: a header, the skipped signals, the rules. */
    public static String render(Policy policy, Map<String, String> queries, String format, String name, String namespace) {
        return render(policy, queries, List.of(), format, name, namespace);
    }

    /** As above, plus the SLO burn-rate groups of {@code objectives} (remediation's slo package, the simulation's pager). */
    public static String render(Policy policy, Map<String, String> queries, List<SloObjective> objectives, String format, String name, String namespace) {
        var rules = new SignalAlertRules(policy, queries);
        var groups = new java.util.ArrayList<Object>(RuleFiles.groups(List.of(new RuleFiles.Group("homeostat.signals", rules.interval(), rules.rules()))));
        if (!objectives.isEmpty()) {
            String slo = SloAlertRules.render(objectives, BurnRateAlert.WORKBOOK, MetricNames.LATENCY_BUCKETS, policy.evaluationInterval());
            try {
                new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(slo).path("groups")
                        .forEach(g -> groups.add(new com.fasterxml.jackson.databind.ObjectMapper().convertValue(g, Map.class)));
            } catch (java.io.IOException e) {
                throw new IllegalStateException("SLO rules did not read back as YAML: " + e.getMessage(), e);
            }
        }
        var header = new StringBuilder("# Generated by `homeostat rules` from policy " + policy.name()
                + ": one alert per signal, labelled homeostat_signal" + (objectives.isEmpty() ? "" : ", and SLO burn-rate paging rules for "
                + objectives.size() + " objective(s)") + ". Do not edit; regenerate.\n");
        for (SignalAlertRules.Skipped s : rules.skipped()) header.append("# no rule for signal ").append(s.signal()).append(": ").append(s.reason()).append('\n');
        return header + (format.equals("rule-file") ? RuleFiles.ruleFileOf(groups) : RuleFiles.prometheusRuleOf(name, namespace, groups));
    }

    /** {@code NS/SERVICE=availability:0.999} or {@code NS/SERVICE=latency:0.99@400ms}. */
    static SloObjective objective(String text) {
        var m = java.util.regex.Pattern.compile("([a-z0-9-]+)/([a-z0-9-]+)=(availability|latency):([0-9.]+)(?:@([0-9.]+(?:ms|s)))?").matcher(text.trim());
        if (!m.matches()) throw new IllegalArgumentException("--slo: '" + text + "' is not NS/SERVICE=availability:TARGET or NS/SERVICE=latency:TARGET@THRESHOLD, e.g. shop/checkout=latency:0.99@400ms");
        double target = Double.parseDouble(m.group(4));
        if (!(target > 0 && target < 1)) throw new IllegalArgumentException("--slo: '" + text + "': the target " + target + " must be between 0 and 1, e.g. 0.999");
        if (m.group(3).equals("availability")) {
            if (m.group(5) != null) throw new IllegalArgumentException("--slo: '" + text + "': an availability objective takes no @threshold");
            return SloObjective.availability(m.group(1), m.group(2), target);
        }
        if (m.group(5) == null) throw new IllegalArgumentException("--slo: '" + text + "': a latency objective needs @THRESHOLD, e.g. @400ms");
        return SloObjective.latency(m.group(1), m.group(2), target, dev.homeostat.units.GoDuration.parse(m.group(5)).toMillis() / 1000.0);
    }
}
