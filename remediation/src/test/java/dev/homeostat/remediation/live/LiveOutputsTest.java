package dev.homeostat.remediation.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.homeostat.remediation.model.Anomaly;
import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.model.EngineEvent;
import dev.homeostat.remediation.model.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the live engine writes: dry-run lines, log lines, the JSON-lines journal, and its loop's resilience. */
class LiveOutputsTest {
    static final Target POD = new Target(Target.Kind.POD, "shop", "checkout-0");

    @Test
    void dryRun_refusesEveryAction_sayingWhatItWouldDo() {
        var log = new ArrayList<String>();
        var actions = new DryRunActions(log::add);
        var outcome = actions.execute(new ClusterAction.RestartPod(POD));
        assertThat(outcome.applied()).isFalse();
        assertThat(outcome.detail()).isEqualTo("dry-run: would restart pod shop/checkout-0");
        assertThat(log).containsExactly("dry-run: would restart pod shop/checkout-0");
        assertThat(DryRunActions.describe(new ClusterAction.Page(POD, "still leaking"))).isEqualTo("page pod shop/checkout-0 (reason: still leaking)");
        assertThat(DryRunActions.describe(new ClusterAction.CordonNode(new Target(Target.Kind.NODE, null, "node-1")))).isEqualTo("cordon node node-1");
    }

    @Test
    void journal_appendsOneJsonObjectPerEvent_withTypes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("j/engine.jsonl");
        try (var journal = new JsonLinesJournal(file)) {
            journal.on(new EngineEvent.AnomalyRaised(1_000, new Anomaly(900, "mem", "threshold", POD, "checkout", 0.2, "high")));
            journal.on(new EngineEvent.ActionTaken(1_000, new ClusterAction.RestartPod(POD), "r", "checkout", EngineEvent.Outcome.REFUSED, null, "dry-run: would restart pod shop/checkout-0"));
        }
        try (var again = new JsonLinesJournal(file)) {
            again.on(new EngineEvent.Paged(2_000, POD, "checkout", "incident-1", EngineEvent.PageState.FIRING, "paged"));
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(3);
        var mapper = new ObjectMapper();
        var action = mapper.readTree(lines.get(1));
        assertThat(action.path("type").asText()).isEqualTo("ActionTaken");
        assertThat(action.path("time").asText()).isEqualTo("1970-01-01T00:00:01Z");
        assertThat(action.path("action").path("type").asText()).isEqualTo("RestartPod");
        assertThat(action.path("action").path("target").path("name").asText()).isEqualTo("checkout-0");
        assertThat(action.path("outcome").asText()).isEqualTo("REFUSED");
        assertThat(mapper.readTree(lines.get(2)).path("type").asText()).isEqualTo("Paged");
    }

    @Test
    void logLines_sayWhatHappened() {
        assertThat(EngineEvents.line(new EngineEvent.ActionTaken(0, new ClusterAction.RestartPod(POD), "r", "checkout", EngineEvent.Outcome.HELD, "cooldown", "5m")))
                .isEqualTo("1970-01-01T00:00:00Z held back restart pod shop/checkout-0 [rule r] by cooldown: 5m");
    }

    @Test
    void failingEvaluation_isCounted_andTheLoopGoesOn() {
        var metrics = new LiveMetrics();
        var calls = new int[1];
        var loop = new LiveEngine(() -> {
            calls[0]++;
            throw new IllegalStateException("boom");
        }, java.time.Duration.ofSeconds(1), Leadership.ALWAYS, List::of, metrics, () -> 1_000L);
        loop.evaluate();
        loop.evaluate();
        assertThat(calls[0]).isEqualTo(2);
        assertThat(metrics.ticks("error")).isEqualTo(2);
        assertThat(loop.ticks()).isZero();
        assertThat(loop.liveness().ok()).isTrue();
    }

    @Test
    void follower_neverMakesAnEngine_andCountsAlertsItCannotRoute() {
        var metrics = new LiveMetrics();
        var made = new int[1];
        var loop = new LiveEngine(() -> {
            made[0]++;
            return null;
        }, java.time.Duration.ofSeconds(1), () -> false,
                () -> List.of(new dev.homeostat.remediation.port.AlertSource.Alert.Resolved("f", "s", POD, 0)), metrics, () -> 0L);
        loop.evaluate();
        assertThat(made[0]).isZero();
        assertThat(metrics.notRouted("not-leader")).isEqualTo(1);
    }

    @Test
    void stalledLoop_failsLiveness() {
        long[] now = {0};
        var loop = new LiveEngine(() -> null, java.time.Duration.ofSeconds(10), () -> false, List::of, new LiveMetrics(), () -> now[0]);
        loop.evaluate();
        now[0] = 31_000;
        assertThat(loop.liveness().ok()).isFalse();
        assertThat(loop.liveness().detail()).contains("no evaluation for 31000 ms");
    }
}
