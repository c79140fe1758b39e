package dev.homeostat.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.homeostat.simulator.fault.Fault;
import dev.homeostat.simulator.fault.NetworkBandwidth;
import dev.homeostat.simulator.fault.NetworkDelay;
import dev.homeostat.simulator.fault.PodKill;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fields a request-level simulation reads in its own way: netem reordering and rate, a graceful pod-kill, a JVMChaos value. */
class FieldShapesTest {
    private static final Duration AT = Duration.ofMinutes(2);
    private final ManifestTranslator manifests = new ManifestTranslator();

    private List<Fault> network(String specBody) {
        return manifests.translate("m.yaml", """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: NetworkChaos
                metadata: {name: n, namespace: shop}
                spec:
                  mode: all
                  selector: {labelSelectors: {app: cart}}
                  duration: 5m
                %s""".formatted(specBody.indent(2)), AT);
    }

    private Duration reorderedLatency(String reorder) {
        var delay = (NetworkDelay) network("action: delay\ndelay:\n  latency: 100ms\n  reorder: " + reorder + "\n").getFirst();
        return delay.latency();
    }

    @Test
    void reorder_belowHalf_leavesTheDelayAllButWhole_asARequestWaitsForItsLastPacket() {
        assertThat(reorderedLatency("{reorder: \"25\", correlation: \"50\", gap: 5}").toNanos()).isBetween(99_990_000L, 100_000_000L);
        assertThat(reorderedLatency("{reorder: \"25\"}").toNanos()).isBetween(99_990_000L, 100_000_000L);
        assertThat(reorderedLatency("{reorder: \"0\"}")).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void reorder_ofEveryPacket_skipsTheDelay_andAGapDelaysMost() {
        assertThat(reorderedLatency("{reorder: \"100\"}")).isEqualTo(Duration.ZERO);
        // gap 2: one packet in two at most skips it, so almost every request still waits for a delayed one
        assertThat(reorderedLatency("{reorder: \"100\", gap: 2}").toMillis()).isBetween(99L, 100L);
        assertThat(reorderedLatency("{reorder: \"90\"}").toMillis()).isBetween(50L, 53L);
    }

    @Test
    void rateAction_isATokenBucketBehindNetemsQueue_inTcsUnits() {
        var bw = (NetworkBandwidth) network("action: rate\nrate: {rate: 8mbit}\n").getFirst();
        assertThat(bw.rateBytesPerSecond()).isEqualTo(1_000_000);
        assertThat(bw.limitBytes()).isEqualTo(NetworkChaosTranslator.NETEM_QUEUE_BYTES);
        assertThat(((NetworkBandwidth) network("action: rate\nrate: {rate: 2kbps}\n").getFirst()).rateBytesPerSecond()).isEqualTo(2_000);
        assertThat(((NetworkBandwidth) network("action: rate\nrate: {rate: 1.5mbps}\n").getFirst()).rateBytesPerSecond()).isEqualTo(1_500_000);
    }

    @Test
    void netemWithRate_addsTheBucketBesideTheOtherSubSpecs() {
        List<Fault> faults = network("action: netem\ndelay: {latency: 10ms}\nrate: {rate: 1mbit}\n");
        assertThat(faults).extracting(Fault::kind).containsExactly("NetworkChaos/delay", "NetworkChaos/bandwidth");
    }

    @Test
    void badRate_andRateActionWithoutRate_areOneLineNamingTheField() {
        var bad = catchThrowableOfType(ManifestException.class, () -> network("action: rate\nrate: {rate: fast}\n"));
        assertThat(bad.getMessage()).contains("spec.rate.rate").contains("invalid rate \"fast\"").doesNotContain("\n");
        var missing = catchThrowableOfType(ManifestException.class, () -> network("action: rate\n"));
        assertThat(missing.getMessage()).contains("spec.rate").contains("required for action rate");
    }

    @Test
    void jvmChaos_modeNeedingANumber_isRefused_asValueIsTheReturnValue() {
        var e = catchThrowableOfType(ManifestException.class, () -> manifests.translate("m.yaml", """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: JVMChaos
                metadata: {name: j, namespace: shop}
                spec:
                  action: return
                  class: com.example.Cart
                  method: total
                  value: "2"
                  mode: fixed
                  selector: {labelSelectors: {app: cart}}
                """, AT));
        assertThat(e.getMessage()).contains("spec.mode: mode fixed needs a number").contains("spec.value is the return value").doesNotContain("\n");
    }

    @Test
    void podKill_withAGracePeriod_isAGracefulDelete() {
        var kill = (PodKill) manifests.translate("m.yaml", """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: PodChaos
                metadata: {name: k, namespace: shop}
                spec:
                  action: pod-kill
                  mode: one
                  gracePeriod: 30
                  selector: {labelSelectors: {app: cart}}
                """, AT).getFirst();
        assertThat(kill.gracePeriod()).isEqualTo(Duration.ofSeconds(30));
    }
}
