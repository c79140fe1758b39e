package dev.homeostat.reports.journal;

import dev.homeostat.reports.journal.JournalEvent.ActionTaken;
import dev.homeostat.reports.journal.JournalEvent.AnomalyRaised;
import dev.homeostat.reports.journal.JournalEvent.ClusterEvent;
import dev.homeostat.reports.journal.JournalEvent.ChangeApplied;
import dev.homeostat.reports.journal.JournalEvent.Outcome;
import dev.homeostat.reports.journal.JournalEvent.PageSource;
import dev.homeostat.reports.journal.JournalEvent.PageState;
import dev.homeostat.reports.journal.JournalEvent.Paged;
import dev.homeostat.reports.journal.JournalEvent.Scope;
import dev.homeostat.reports.journal.JournalEvent.FaultEnded;
import dev.homeostat.reports.journal.JournalEvent.FaultStarted;
import dev.homeostat.reports.journal.JournalEvent.RunEnded;
import dev.homeostat.reports.journal.JournalEvent.SloRestored;
import dev.homeostat.reports.journal.JournalEvent.SloViolated;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JournalIoTest {
    static Journal everyEventType() {
        return new Journal("memory-leak", 42, true, List.of(
                new FaultStarted(1_000, "leak", "MemoryLeak", 61_000, Scope.DEPLOYMENT, List.of("deployment/default/web"),
                        List.of("service/default/web"), true, List.of()),
                new ChangeApplied(2_000, "rollout-web-2s", "rollout", List.of("deployment/default/web"), List.of("service/default/web")),
                new SloViolated(5_000, "service/default/web", "latency"),
                new AnomalyRaised(6_000, "pod/default/web-1", null, "memory", "ewma", 0.1 + 0.2, "rising \"fast\""),
                new ActionTaken(7_000, "restart", "pod/default/web-1", "service/default/web", "leak-restart", true,
                        Outcome.APPLIED, null, "ok", 3, 2, 1),
                new ActionTaken(7_500, "restart", "pod/default/web-2", "service/default/web", "leak-restart", true,
                        Outcome.HELD, "cooldown", "5m", null, null, null),
                new ClusterEvent(8_000, "pod/default/web-1", "pod created"),
                new Paged(9_000, PageSource.ENGINE, "incident-1", PageState.FIRING, "pod/default/web-1", "service/default/web", "still leaking"),
                new SloRestored(10_000, "service/default/web", "engine"),
                new FaultEnded(61_000, "leak"),
                new RunEnded(120_000)));
    }

    @Test
    void writeThenRead_givesTheSameJournal(@TempDir Path dir) {
        Journal journal = everyEventType();
        Path file = dir.resolve("run/journal.jsonl");

        JournalIo.write(journal, file);

        assertThat(JournalIo.read(file)).isEqualTo(journal);
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file); // the temp file was moved, not left behind
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void jsonLines_haveHeaderTypeFieldAndDeclaredFieldOrder() {
        List<String> lines = JournalIo.toJsonLines(everyEventType()).lines().toList();

        assertThat(lines).hasSize(12);
        assertThat(lines.getFirst()).isEqualTo(
                "{\"format\":\"homeostat-journal\",\"version\":2,\"scenario\":\"memory-leak\",\"seed\":42,\"engine\":true}");
        assertThat(lines.get(1)).isEqualTo("{\"type\":\"FaultStarted\",\"t\":1000,\"fault\":\"leak\",\"kind\":\"MemoryLeak\","
                + "\"end\":61000,\"scope\":\"DEPLOYMENT\",\"targets\":[\"deployment/default/web\"],\"services\":[\"service/default/web\"],"
                + "\"tookEffect\":true}");
        // an applied action says how many pods were ready around it; a held one names its guard and leaves those out
        assertThat(lines.get(5)).isEqualTo("{\"type\":\"ActionTaken\",\"t\":7000,\"action\":\"restart\",\"target\":\"pod/default/web-1\","
                + "\"service\":\"service/default/web\",\"rule\":\"leak-restart\",\"disruptive\":true,\"outcome\":\"APPLIED\",\"detail\":\"ok\","
                + "\"readyBefore\":3,\"readyAfter\":2,\"minReady\":1}");
        assertThat(lines.get(6)).contains("\"outcome\":\"HELD\",\"guard\":\"cooldown\",\"detail\":\"5m\"}");
        assertThat(lines.get(4)).isEqualTo("{\"type\":\"AnomalyRaised\",\"t\":6000,\"target\":\"pod/default/web-1\","
                + "\"service\":null,\"signal\":\"memory\",\"detector\":\"ewma\",\"score\":0.30000000000000004,"
                + "\"explanation\":\"rising \\\"fast\\\"\"}");
        assertThat(lines.getLast()).isEqualTo("{\"type\":\"RunEnded\",\"t\":120000}");
        assertThat(JournalIo.toJsonLines(everyEventType())).endsWith("}\n").doesNotContain("\r");
    }

    @Test
    void faultStartedUpstream_isWrittenWhenPresentAndReadsAsEmptyWhenMissing() {
        var withCallers = new Journal("call-graph", 1, true, List.of(
                new FaultStarted(1_000, "slow", "app/dependency-slowdown", 61_000, Scope.SERVICE, List.of("service/default/payments"),
                        List.of("service/default/payments"), true,
                        List.of("service/default/checkout", "service/default/frontend")),
                new RunEnded(120_000)));
        String text = JournalIo.toJsonLines(withCallers);

        assertThat(text.lines().toList().get(1)).endsWith(
                ",\"tookEffect\":true,\"upstream\":[\"service/default/checkout\",\"service/default/frontend\"]}");
        assertThat(JournalIo.parse(text, "j.jsonl")).isEqualTo(withCallers);

        // a line without upstream (no callers)
        Journal noCallers = JournalIo.parse("""
                {"format":"homeostat-journal","version":2,"scenario":"s","seed":1,"engine":true}
                {"type":"FaultStarted","t":1,"fault":"f","kind":"k","end":2,"scope":"PODS","targets":[],"services":["service/default/a"],"tookEffect":true}
                {"type":"RunEnded","t":5}
                """, "j.jsonl");
        assertThat(((FaultStarted) noCallers.events().getFirst()).upstream()).isEmpty();
    }

    @Test
    void aJournalOfTheOlderVersion_isRefusedSayingToRunAgain() {
        assertThatThrownBy(() -> JournalIo.parse("""
                {"format":"homeostat-journal","version":1,"scenario":"s","seed":1,"engine":true}
                {"type":"RunEnded","t":5}
                """, "old.jsonl"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("old.jsonl line 1: journal version 1 was written by an older Homeostat (its pages and actions lack fields "
                        + "scoring now needs); re-run the scenario to write version 2");
    }

    @Test
    void read_rejectsUnknownTypeNamingTheLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, """
                {"format":"homeostat-journal","version":2,"scenario":"s","seed":1,"engine":false}
                {"type":"RunEnded","t":5}
                {"type":"Teleported","t":6}
                """);

        assertThatThrownBy(() -> JournalIo.read(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad.jsonl line 3")
                .hasMessageContaining("FaultStarted, FaultEnded");
    }

    @Test
    void read_rejectsMissingHeaderAndEventsOutOfOrder() {
        assertThatThrownBy(() -> JournalIo.parse("{\"type\":\"RunEnded\",\"t\":5}\n", "j.jsonl"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("j.jsonl line 1");
        assertThatThrownBy(() -> JournalIo.parse("""
                {"format":"homeostat-journal","version":2,"scenario":"s","seed":1,"engine":false}
                {"type":"FaultEnded","t":9,"fault":"x"}
                {"type":"RunEnded","t":5}
                """, "j.jsonl"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("j.jsonl line 3: t 5 is before the previous event's t 9");
    }
}
