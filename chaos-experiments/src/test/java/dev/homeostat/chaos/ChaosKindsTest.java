package dev.homeostat.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.homeostat.simulator.fault.ClockSkew;
import dev.homeostat.simulator.fault.IoError;
import dev.homeostat.simulator.fault.Fault;
import dev.homeostat.simulator.fault.HttpFault;
import dev.homeostat.simulator.fault.LabelRequirement;
import dev.homeostat.simulator.fault.NetworkBandwidth;
import dev.homeostat.simulator.fault.Direction;
import dev.homeostat.simulator.fault.DnsFault;
import dev.homeostat.simulator.fault.NetworkDelay;
import dev.homeostat.simulator.fault.NetworkPartition;
import dev.homeostat.simulator.fault.SelectionMode;
import dev.homeostat.simulator.fault.PodKill;
import dev.homeostat.simulator.fault.PodFailure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** NetworkChaos, HTTPChaos, IOChaos, TimeChaos, DNSChaos, selectors, Schedule and Workflow: translation and errors. */
class ChaosKindsTest {
    private static final Duration AT = Duration.ofMinutes(2);

    private static String doc(String kind, String spec) {
        return "apiVersion: chaos-mesh.org/v1alpha1\nkind: " + kind + "\nmetadata:\n  name: x\n  namespace: shop\nspec:\n" + spec;
    }

    private static final String SEL = "  mode: all\n  selector:\n    labelSelectors:\n      app: cart\n";

    private static List<Fault> translate(String yaml) { return ChaosManifests.translate("t.yaml", yaml, AT); }

    private static ManifestException error(String yaml) {
        return (ManifestException) org.assertj.core.api.Assertions.catchThrowable(() -> translate(yaml));
    }

    @Test
    void networkDelay_readsLatencyJitterCorrelation() {
        var f = (NetworkDelay) translate(doc("NetworkChaos", "  action: delay\n" + SEL + "  delay: {latency: 90ms, jitter: 10ms, correlation: \"50\"}\n  duration: 1m\n")).getFirst();
        assertThat(f.latency()).isEqualTo(Duration.ofMillis(90));
        assertThat(f.jitter()).isEqualTo(Duration.ofMillis(10));
        assertThat(f.correlation()).isEqualTo(50);
        assertThat(f.selector().namespaces()).containsExactly("shop");
    }

    @Test
    void networkBandwidth_readsRateAsChaosMeshDoes_bytesPerSecondInPowersOf1024() {
        var bytes = (NetworkBandwidth) translate(doc("NetworkChaos", "  action: bandwidth\n" + SEL + "  bandwidth: {rate: 2mbps, limit: 1000, buffer: 100}\n  duration: 1m\n")).getFirst();
        assertThat(bytes.rateBytesPerSecond()).isEqualTo(2L * 1024 * 1024);
        var withPeak = translate(doc("NetworkChaos", "  action: bandwidth\n" + SEL
                + "  bandwidth: {rate: 100kbps, limit: 100, buffer: 10000, peakrate: 1000000, minburst: 1000000}\n  duration: 1m\n"));
        assertThat(((NetworkBandwidth) withPeak.getFirst()).rateBytesPerSecond()).isEqualTo(102_400);
        assertThat(error(doc("NetworkChaos", "  action: bandwidth\n" + SEL + "  bandwidth: {rate: 8kbit, limit: 1000, buffer: 100}\n  duration: 1m\n")).getMessage())
                .contains("spec.bandwidth.rate", "bps, kbps, mbps, gbps or tbps");
        assertThat(error(doc("NetworkChaos", "  action: bandwidth\n" + SEL + "  bandwidth: {rate: 1mbps, limit: 1, buffer: 1, peakrate: 10}\n  duration: 1m\n")).field())
                .isEqualTo("spec.bandwidth.peakrate");
    }

    @Test
    void partition_withTarget_limitsTheFaultToItsPeers_withoutOneIsABlackHole() {
        String partition = doc("NetworkChaos", "  action: partition\n  direction: both\n" + SEL
                + "  target:\n    mode: fixed\n    value: \"1\"\n    selector:\n      labelSelectors: {app: db}\n  duration: 1m\n");
        var cut = (NetworkPartition) translate(partition).getFirst();
        assertThat(cut.peers().direction()).isEqualTo(Direction.BOTH);
        assertThat(cut.peers().target().labels()).containsEntry("app", "db");
        assertThat(cut.peers().targetMode()).isEqualTo(new SelectionMode(SelectionMode.Kind.FIXED, 1));
        assertThat(error(partition.replace("value: \"1\"", "value: \"0\"")).field()).isEqualTo("spec.target.value");
        var blackHole = (NetworkPartition) translate(partition.replaceAll("(?s)  target:.*?app: db}\n", "")).getFirst();
        assertThat(blackHole.peers()).isNull();
    }

    @Test
    void netemActions_mergeEveryNetemSubSpec_oneFaultEach() {
        var faults = translate(doc("NetworkChaos", "  action: netem\n" + SEL + "  delay: {latency: 90ms, jitter: 90ms, correlation: \"25\"}\n"
                + "  loss: {loss: \"25\", correlation: \"25\"}\n  corrupt: {corrupt: \"5\"}\n  duration: 10s\n"));
        assertThat(faults).extracting(Fault::kind).containsExactly("NetworkChaos/delay", "NetworkChaos/loss", "NetworkChaos/corrupt");
        assertThat(faults).extracting(Fault::name).containsExactly("x#1", "x#2", "x#3");
        // Chaos Mesh's delay action applies a loss given beside it too (one netem qdisc)
        assertThat(translate(doc("NetworkChaos", "  action: delay\n" + SEL + "  delay: {latency: 1s}\n  loss: {loss: \"5\"}\n  duration: 1m\n"))).hasSize(2);
        assertThat(error(doc("NetworkChaos", "  action: netem\n" + SEL + "  duration: 1m\n")).getMessage()).contains("at least one of delay, loss");
    }

    @Test
    void networkErrors_nameTheField_andTellATypoFromAnUnmodelledFeature() {
        assertThat(error(doc("NetworkChaos", "  action: reorder\n" + SEL + "  duration: 1m\n")).getMessage())
                .contains("spec.action: unknown value \"reorder\"; use one of netem, delay");
        assertThat(error(doc("NetworkChaos", "  action: dealy\n" + SEL + "  duration: 1m\n")).getMessage()).contains("did you mean \"delay\"?");
        assertThat(error(doc("NetworkChaos", "  action: loss\n" + SEL + "  loss: {loss: \"150\"}\n  duration: 1m\n")).field()).isEqualTo("spec.loss.loss");
        var external = (NetworkDelay) translate(doc("NetworkChaos", "  action: delay\n" + SEL
                + "  delay: {latency: 1s}\n  externalTargets: [example.com, 8.8.0.0/16]\n  duration: 1m\n")).getFirst();
        assertThat(external.peers().externalTargets()).containsExactly("example.com", "8.8.0.0/16");
        assertThat(external.peers().target()).isNull();
        assertThat(error(doc("NetworkChaos", "  action: delay\n" + SEL + "  delay: {latency: 1s}\n  externalTargets: [\"300.1.1.1\"]\n  duration: 1m\n")).field())
                .isEqualTo("spec.externalTargets[0]");
        assertThat(error(doc("NetworkChaos", "  action: delay\n  direction: from\n" + SEL + "  delay: {latency: 1s}\n  duration: 1m\n")).getMessage())
                .contains("needs a target");
        assertThat(error(doc("NetworkChaos", "  action: delay\n" + SEL + "  delay: {latency: 1s}\n  device: eth1\n  duration: 1m\n")).problem())
                .startsWith("cannot exist in a simulation: a simulated pod has one network interface");
        assertThat(error(doc("NetworkChaos", "  action: bandwidth\n" + SEL + "  bandwidth: {rate: fast, limit: 1, buffer: 1}\n  duration: 1m\n")).field())
                .isEqualTo("spec.bandwidth.rate");
    }

    @Test
    void http_actionsCombineInChaosMeshsOrder_andMatchersAreUpperBounds() {
        var f = (HttpFault) translate(doc("HTTPChaos", SEL + "  target: Response\n  port: 80\n  replace: {code: 502}\n  duration: 1m\n")).getFirst();
        assertThat(f.kind()).isEqualTo("HTTPChaos/replace");
        assertThat(f.code()).isEqualTo(502);
        assertThat(translate(doc("HTTPChaos", SEL + "  target: Request\n  port: 80\n  abort: true\n  delay: 1s\n  duration: 1m\n")))
                .extracting(Fault::kind).containsExactly("HTTPChaos/abort");
        assertThat(translate(doc("HTTPChaos", SEL + "  target: Request\n  port: 80\n  delay: 1s\n  replace: {code: 503, path: /v2}\n"
                + "  patch: {headers: [[Token, x]]}\n  request_headers: {a: b}\n  duration: 1m\n")))
                .extracting(Fault::kind).containsExactly("HTTPChaos/delay", "HTTPChaos/replace");
        assertThat(error(doc("HTTPChaos", SEL + "  target: Request\n  port: 80\n  abort: true\n  requestHeaders: {a: b}\n  duration: 1m\n")).getMessage())
                .contains("spec.requestHeaders", "did you mean \"request_headers\"?");
        // a rule that only changes what a message carries: accepted, no simulated effect, and a note says so
        var bodyOnly = new ManifestTranslator().contents("t.yaml", doc("HTTPChaos", SEL + "  target: Response\n  port: 80\n  replace: {body: aGk=}\n  duration: 1m\n"),
                java.time.Duration.ZERO, Horizon.firstFiring());
        assertThat(bodyOnly.faults()).extracting(Fault::kind).containsExactly("HTTPChaos/content");
        assertThat(bodyOnly.notes()).singleElement().satisfies(n -> {
            assertThat(n.field()).isEqualTo("spec.replace");
            assertThat(n.message()).startsWith("no simulated effect: ");
        });
        assertThat(error(doc("HTTPChaos", SEL + "  port: 80\n  abort: true\n  duration: 1m\n")).field()).isEqualTo("spec.target");
        // no action at all: Chaos Mesh's webhook takes it and its rule changes nothing; a code there is a matcher, not an answer
        var noAction = new ManifestTranslator().contents("t.yaml", doc("HTTPChaos", SEL + "  target: Response\n  port: 80\n  code: 503\n  duration: 1m\n"),
                java.time.Duration.ZERO, Horizon.firstFiring());
        assertThat(noAction.faults()).extracting(Fault::kind).containsExactly("HTTPChaos/none");
        assertThat(noAction.notes()).singleElement().satisfies(n -> {
            assertThat(n.field()).isEqualTo("spec");
            assertThat(n.message()).startsWith("no action").contains("write replace: {code: 503}");
        });
    }

    @Test
    void io_requiresVolumePath_modelsAttributesAndContentsByTheFailureTheyCause_andCarriesAPercentOfLatency() {
        assertThat(translate(doc("IOChaos", "  action: fault\n" + SEL + "  volumePath: /d\n  errno: 5\n  duration: 1m\n")).getFirst().kind()).isEqualTo("IOChaos/fault");
        assertThat(error(doc("IOChaos", "  action: latency\n" + SEL + "  delay: 1s\n  duration: 1m\n")).field()).isEqualTo("spec.volumePath");
        assertThat(error(doc("IOChaos", "  action: mistake\n" + SEL + "  volumePath: /d\n  duration: 1m\n")).field()).isEqualTo("spec.mistake");
        var mistake = (IoError) translate(doc("IOChaos", "  action: mistake\n" + SEL + "  volumePath: /d\n  mistake: {filling: zero, maxLength: 1}\n"
                + "  percent: 10\n  duration: 1m\n")).getFirst();
        assertThat(mistake.kind()).isEqualTo("IOChaos/mistake");
        assertThat(mistake.percent()).isEqualTo(10);
        // perm 72 = octal 0110: execute only, the owner can neither read nor write: EACCES
        var perm = (IoError) translate(doc("IOChaos", "  action: attrOverride\n" + SEL + "  volumePath: /d\n  attr: {perm: 72}\n  duration: 1m\n")).getFirst();
        assertThat(perm.errno()).isEqualTo(13);
        assertThat(perm.kind()).isEqualTo("IOChaos/attrOverride");
        assertThat(((IoError) translate(doc("IOChaos", "  action: attrOverride\n" + SEL + "  volumePath: /d\n  attr: {kind: directory}\n  duration: 1m\n"))
                .getFirst()).errno()).isEqualTo(21);
        // perm 420 = octal 0644: the owner still reads and writes, and the size is read by no simulated request
        var harmless = new ManifestTranslator().contents("t.yaml", doc("IOChaos", "  action: attrOverride\n" + SEL + "  volumePath: /d\n  attr: {perm: 420, size: 0}\n  duration: 1m\n"),
                java.time.Duration.ZERO, Horizon.firstFiring());
        assertThat(((IoError) harmless.faults().getFirst()).errno()).as("no errno: no simulated effect").isZero();
        assertThat(harmless.notes()).singleElement().satisfies(n -> {
            assertThat(n.field()).isEqualTo("spec.attr");
            assertThat(n.message()).startsWith("no simulated effect: ").contains("leaves the owner read and write");
        });
        assertThat(error(doc("IOChaos", "  action: attrOverride\n" + SEL + "  volumePath: /d\n  attr: {kind: dir}\n  duration: 1m\n")).field())
                .isEqualTo("spec.attr.kind");
        var contents = new ManifestTranslator().contents("t.yaml", doc("IOChaos", "  action: latency\n" + SEL
                + "  volumePath: /d\n  delay: 10ms\n  percent: 10\n  duration: 1m\n"), AT, Horizon.firstFiring());
        assertThat(contents.notes()).isEmpty();
        assertThat(((dev.homeostat.simulator.fault.IoLatency) contents.faults().getFirst()).percent()).isEqualTo(10);
    }

    @Test
    void time_acceptsNegativeOffsets_andAMonotonicSkewCannotFailCredentials() {
        var f = (ClockSkew) translate(doc("TimeChaos", SEL + "  timeOffset: -1h\n  duration: 1m\n")).getFirst();
        assertThat(f.offset()).isEqualTo(Duration.ofHours(-1));
        assertThat(f.tolerance()).isEqualTo(Duration.ofSeconds(60));
        var mono = (ClockSkew) translate(doc("TimeChaos", SEL + "  timeOffset: 1h\n  clockIds: [CLOCK_MONOTONIC]\n  duration: 1m\n")).getFirst();
        assertThat(mono.wallClock()).isFalse();
        assertThat(f.wallClock()).isTrue();
        assertThat(error(doc("TimeChaos", SEL + "  timeOffset: soon\n  duration: 1m\n")).field()).isEqualTo("spec.timeOffset");
    }

    @Test
    void dns_withoutPatternsHitsEveryLookup_withPatternsCarriesThem() {
        assertThat(((DnsFault) translate(doc("DNSChaos", "  action: random\n" + SEL + "  duration: 1m\n")).getFirst()).everyLookup()).isTrue();
        var patterns = (DnsFault) translate(doc("DNSChaos", "  action: random\n" + SEL + "  patterns: [google.com, chaos-mesh.*, \"github.?om\"]\n  duration: 1m\n")).getFirst();
        assertThat(patterns.patterns()).containsExactly("google.com", "chaos-mesh.*", "github.?om");
        assertThat(error(doc("DNSChaos", "  action: random\n" + SEL + "  patterns: ['a*b']\n  duration: 1m\n")).field()).isEqualTo("spec.patterns[0]");
        assertThat(error(doc("DNSChaos", "  action: random\n" + SEL + "  patterns: ['*.svc']\n  duration: 1m\n")).field()).isEqualTo("spec.patterns[0]");
        assertThat(error(doc("DNSChaos", "  action: block\n" + SEL + "  duration: 1m\n")).field()).isEqualTo("spec.action");
    }

    @Test
    void selectors_expressionAndFieldSelectors_andContainerNames() {
        var f = translate(doc("DNSChaos", "  action: error\n  mode: all\n  containerNames: [app]\n  selector:\n    namespaces: [shop]\n"
                + "    expressionSelectors:\n      - {key: tier, operator: NotIn, values: [db]}\n      - {key: app, operator: Exists}\n"
                + "    fieldSelectors:\n      status.phase: Running\n  duration: 1m\n")).getFirst();
        var s = ((dev.homeostat.simulator.fault.DnsFault) f).selector();
        assertThat(s.expressions()).containsExactly(new LabelRequirement("tier", LabelRequirement.Operator.NOT_IN, List.of("db")),
                new LabelRequirement("app", LabelRequirement.Operator.EXISTS, List.of()));
        assertThat(s.fields()).containsEntry("status.phase", java.util.Set.of("Running"));
        assertThat(s.containers()).containsExactly("app");
        // several nodes and phases: any of them; a field selector narrows the phases; nodes and nodeSelectors join their
        // nodes, as Chaos Mesh's node selector does: a pod on n-2 (named) or on any zone-a node
        var many = ((dev.homeostat.simulator.fault.DnsFault) translate(doc("DNSChaos", "  action: error\n  mode: all\n  selector:\n"
                + "    nodes: [n-1, n-2]\n    podPhaseSelectors: [Running, Pending]\n    fieldSelectors:\n      status.phase: Running\n"
                + "    nodeSelectors:\n      zone: a\n  duration: 1m\n")).getFirst()).selector();
        assertThat(many.nodes()).containsExactlyInAnyOrder("n-1", "n-2");
        assertThat(many.fields()).containsEntry("status.phase", java.util.Set.of("Running")).doesNotContainKey("spec.nodeName");
        String ns = many.namespaces().iterator().next();
        assertThat(many.matches(ns, "p", java.util.Map.of(), "n-2", java.util.Map.of("zone", "a"), "Running", null)).isTrue();
        assertThat(many.matches(ns, "p", java.util.Map.of(), "n-2", java.util.Map.of("zone", "b"), "Running", null)).isTrue();
        assertThat(many.matches(ns, "p", java.util.Map.of(), "n-3", java.util.Map.of("zone", "a"), "Running", null)).isTrue();
        assertThat(many.matches(ns, "p", java.util.Map.of(), "n-3", java.util.Map.of("zone", "b"), "Running", null)).isFalse();
        assertThat(many.matches(ns, "p", java.util.Map.of(), "n-2", java.util.Map.of("zone", "a"), "Pending", null)).isFalse();
        assertThat(error(doc("DNSChaos", "  action: error\n  mode: all\n  selector:\n    nodes: [n-1]\n    fieldSelectors:\n      spec.nodeName: n-2\n"
                + "  duration: 1m\n")).field()).isEqualTo("spec.selector.nodes");
        assertThat(error(doc("DNSChaos", "  action: error\n  mode: all\n  selector:\n    fieldSelectors:\n      spec.hostname: a\n  duration: 1m\n")).field())
                .isEqualTo("spec.selector.fieldSelectors.spec.hostname");
        assertThat(error(doc("DNSChaos", "  action: error\n  mode: all\n  selector:\n    expressionSelectors:\n      - {key: a, operator: Near}\n  duration: 1m\n")).field())
                .isEqualTo("spec.selector.expressionSelectors[0].operator");
    }

    private static final String SCHEDULE = doc("Schedule", "  schedule: \"@every 10m\"\n  type: PodChaos\n  historyLimit: 2\n"
            + "  podChaos:\n    action: pod-failure\n    duration: 15m\n    mode: one\n    selector:\n      labelSelectors: {app: cart}\n");

    @Test
    void schedule_forbid_startsAMissedFiringWhenThePreviousEnds_withinTheStartingDeadline() {
        // 15 m failures every 10 m under Forbid: the firing at 20 m is missed and starts when the first ends (25 m), as Chaos Mesh documents
        var faults = new ManifestTranslator().experiments("s.yaml", SCHEDULE, Duration.ZERO, Duration.ofMinutes(60)).getFirst().faults();
        assertThat(faults).extracting(Fault::start).containsExactly(Duration.ofMinutes(10), Duration.ofMinutes(25), Duration.ofMinutes(40), Duration.ofMinutes(55));
        // with startingDeadlineSeconds: 60 the missed firing is 5 m old when the first ends: skipped, the next firing on time
        var strict = new ManifestTranslator().experiments("s.yaml", SCHEDULE.replace("historyLimit: 2", "startingDeadlineSeconds: 60"),
                Duration.ZERO, Duration.ofMinutes(60)).getFirst().faults();
        assertThat(strict).extracting(Fault::start).containsExactly(Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofMinutes(50));
        assertThat(strict).extracting(Fault::name).containsExactly("x-1", "x-2", "x-3");
    }

    @Test
    void schedule_every5s_isNotCappedByAnAssumedRunLength() {
        String every5s = SCHEDULE.replace("\"@every 10m\"", "\"@every 5s\"").replace("duration: 15m", "duration: 1s");
        var first = new ManifestTranslator().experiments("s.yaml", every5s, Duration.ZERO, Horizon.firstFiring()).getFirst().faults();
        assertThat(first).singleElement().satisfies(f -> assertThat(f.start()).isEqualTo(Duration.ofSeconds(5)));
        assertThat(new ManifestTranslator().experiments("s.yaml", every5s, Duration.ZERO, Duration.ofDays(1)).getFirst().faults()).hasSize(17_280);
        assertThat(new ManifestTranslator().check(java.nio.file.Path.of("missing.yaml"), Horizon.firstFiring()).ok()).isFalse();
    }

    @Test
    void schedule_allow_overlaps() {
        var allow = new ManifestTranslator().experiments("s.yaml", SCHEDULE.replace("historyLimit: 2", "concurrencyPolicy: Allow"),
                Duration.ZERO, Duration.ofMinutes(45)).getFirst().faults();
        assertThat(allow).extracting(Fault::start).containsExactly(Duration.ofMinutes(10), Duration.ofMinutes(20), Duration.ofMinutes(30), Duration.ofMinutes(40));
        assertThat(allow).extracting(Fault::name).containsExactly("x-1", "x-2", "x-3", "x-4");
    }

    @Test
    void schedule_cron_firesOnTheVirtualWallClock() {
        String cron = SCHEDULE.replace("\"@every 10m\"", "\"15,45 * * * *\"").replace("duration: 15m", "duration: 1m");
        var faults = new ManifestTranslator().experiments("s.yaml", cron, Duration.ofMinutes(20), Duration.ofHours(2)).getFirst().faults();
        assertThat(faults).extracting(Fault::start).containsExactly(Duration.ofMinutes(45), Duration.ofMinutes(75), Duration.ofMinutes(105));
    }

    @Test
    void schedule_errorsNameTheEmbeddedField() {
        assertThat(error(SCHEDULE.replace("action: pod-failure", "action: pod-explode")).field()).isEqualTo("spec.podChaos.action");
        assertThat(error(SCHEDULE.replace("action: pod-failure", "action: pod-explode")).line()).isEqualTo(11);
        assertThat(error(SCHEDULE.replace("\"@every 10m\"", "\"* * *\"")).field()).isEqualTo("spec.schedule");
        assertThat(error(SCHEDULE.replace("type: PodChaos", "type: NetworkChaos")).field()).isEqualTo("spec.networkChaos");
        assertThat(error(SCHEDULE.replace("type: PodChaos", "type: Workflow")).field()).isEqualTo("spec.workflow");
        assertThat(error(SCHEDULE.replace("type: PodChaos", "type: KernelChaos")).getMessage()).contains("spec.type: cannot exist in a simulation: KernelChaos fails");
        assertThat(error(SCHEDULE.replace("historyLimit: 2", "concurrencyPolicy: Replace")).field()).isEqualTo("spec.concurrencyPolicy");
    }

    @Test
    void cron_parsesRangesStepsNamesAndDayOr() {
        // 2024-01-01 is a Monday; "0 0 * * SUN" first fires on Sunday 2024-01-07
        assertThat(Cron.parse("0 0 * * SUN").fires(0, Duration.ofDays(8).toMillis(), 10)).containsExactly(Duration.ofDays(6).toMillis());
        assertThat(Cron.parse("*/20 1-2 * * *").fires(0, Duration.ofHours(3).toMillis(), 10)).hasSize(6);
        // day-of-month 3 OR Wednesday (also the 3rd): one fire on 2024-01-03 at midnight, one on Wed 10th
        assertThat(Cron.parse("0 0 3 * WED").fires(0, Duration.ofDays(10).toMillis(), 10))
                .containsExactly(Duration.ofDays(2).toMillis(), Duration.ofDays(9).toMillis());
        assertThat(Cron.parse("@hourly").fires(0, Duration.ofHours(2).toMillis(), 10)).containsExactly(3_600_000L, 7_200_000L);
        assertThatThrownBy(() -> Cron.parse("61 * * * *")).hasMessageContaining("minute \"61\"");
        // robfig/cron takes a step past the range: only the range's start remains
        assertThat(Cron.parse("*/60 * * * *").fires(0, Duration.ofHours(2).toMillis(), 10)).containsExactly(3_600_000L, 7_200_000L);
        assertThat(Cron.parse("5/90 * * * *").fires(0, Duration.ofHours(1).toMillis(), 10)).containsExactly(300_000L);
        assertThatThrownBy(() -> Cron.parse("*/0 * * * *")).hasMessageContaining("minute step \"0\" is not a positive whole number");
        // a zone reads the fields on its wall clock; virtual time 0 is 2024-01-01 00:00 UTC
        assertThat(Cron.parse("CRON_TZ=America/New_York 0 9 * * *").fires(0, Duration.ofDays(2).toMillis(), 10))
                .containsExactly(Duration.ofHours(14).toMillis(), Duration.ofHours(38).toMillis());
        assertThatThrownBy(() -> Cron.parse("TZ=Mars/Olympus * * * * *")).hasMessageContaining("unknown time zone");
        assertThat(Cron.parse("0 0 30 2 *").next(0)).isEqualTo(Long.MAX_VALUE);
    }

    private static final String WORKFLOW = doc("Workflow", """
              entry: main
              templates:
                - name: main
                  templateType: Serial
                  deadline: 9m
                  children: [kill, wait, both]
                - name: kill
                  templateType: PodChaos
                  podChaos: {action: pod-kill, mode: one, selector: {labelSelectors: {app: cart}}}
                - name: wait
                  templateType: Suspend
                  deadline: 2m
                - name: both
                  templateType: Parallel
                  children: [slow, kill]
                - name: slow
                  templateType: NetworkChaos
                  deadline: 10m
                  networkChaos: {action: delay, mode: all, selector: {labelSelectors: {app: cart}}, delay: {latency: 50ms}}
            """);

    @Test
    void workflow_serialSuspendParallel_giveStartTimes_andDeadlinesCut() {
        var faults = translate(WORKFLOW);
        assertThat(faults).extracting(Fault::name).containsExactly("x-kill", "x-slow", "x-kill-2");
        assertThat(faults.get(0)).isInstanceOf(PodKill.class);
        assertThat(faults).extracting(Fault::start).containsExactly(AT, AT.plusMinutes(2), AT.plusMinutes(2));
        // the 10m delay is cut by the Serial's 9m deadline: 9 − 2 = 7 minutes left
        assertThat(faults.get(1).duration()).isEqualTo(Duration.ofMinutes(7));
    }

    @Test
    void workflow_unmodelledAndBrokenStructures_areNamed() {
        assertThat(error(WORKFLOW.replace("templateType: Suspend", "templateType: Task")).field()).isEqualTo("spec.templates[2].task.container");
        assertThat(error(WORKFLOW.replace("children: [slow, kill]", "children: [slow, main]")).getMessage()).contains("contains itself");
        assertThat(error(WORKFLOW.replace("entry: main", "entry: nope")).field()).isEqualTo("spec.entry");
        assertThat(error(WORKFLOW.replace("latency: 50ms", "latency: 50ms}, duration: 1m, x: {")).field()).startsWith("spec.templates[4].networkChaos");
        assertThat(error(WORKFLOW.replace("action: pod-kill", "action: pod-explode")).field()).isEqualTo("spec.templates[1].podChaos.action");
        assertThat(error(WORKFLOW.replace("deadline: 2m", "deadline: 2m\n      conditionalBranches: [{target: main}]")).field())
                .isEqualTo("spec.templates[2].conditionalBranches");
    }
}
