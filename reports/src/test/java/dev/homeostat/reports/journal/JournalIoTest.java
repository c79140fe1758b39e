package dev.homeostat.reports.journal;

import dev.homeostat.reports.journal.JournalEvent.ActionTaken;
import dev.homeostat.reports.journal.JournalEvent.AnomalyRaised;
import dev.homeostat.reports.journal.JournalEvent.ClusterEvent;
import dev.homeostat.reports.journal.JournalEvent.Escalated;
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
                new FaultStarted(1_000, "leak", "MemoryLeak", 61_000, List.of("pod/default/web-1"),
                        List.of("service/default/web"), true),
                new SloViolated(5_000, "service/default/web", "latency"),
                new AnomalyRaised(6_000, "pod/default/web-1", null, "memory", "ewma", 0.1 + 0.2, "rising \"fast\""),
                new ActionTaken(7_000, "restart", "pod/default/web-1", "service/default/web", "leak-restart", true,
                        true, "ok"),
                new ClusterEvent(8_000, "pod/default/web-1", "pod created"),
                new Escalated(9_000, "pod/default/web-1", "service/default/web", "still leaking"),
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

        assertThat(lines).hasSize(10);
        assertThat(lines.getFirst()).isEqualTo(
                "{\"format\":\"homeostat-journal\",\"version\":1,\"scenario\":\"memory-leak\",\"seed\":42,\"engine\":true}");
        assertThat(lines.get(1)).isEqualTo("{\"type\":\"FaultStarted\",\"t\":1000,\"fault\":\"leak\",\"kind\":\"MemoryLeak\","
                + "\"end\":61000,\"targets\":[\"pod/default/web-1\"],\"services\":[\"service/default/web\"],\"tookEffect\":true}");
        assertThat(lines.get(3)).isEqualTo("{\"type\":\"AnomalyRaised\",\"t\":6000,\"target\":\"pod/default/web-1\","
                + "\"service\":null,\"signal\":\"memory\",\"detector\":\"ewma\",\"score\":0.30000000000000004,"
                + "\"explanation\":\"rising \\\"fast\\\"\"}");
        assertThat(lines.getLast()).isEqualTo("{\"type\":\"RunEnded\",\"t\":120000}");
        assertThat(JournalIo.toJsonLines(everyEventType())).endsWith("}\n").doesNotContain("\r");
    }

    @Test
    void faultStartedUpstream_isWrittenWhenPresentAndReadsAsEmptyWhenMissing() {
        var withCallers = new Journal("call-graph", 1, true, List.of(
                new FaultStarted(1_000, "slow", "app/dependency-slowdown", 61_000, List.of("deployment/default/payments"),
                        List.of("service/default/payments"), true,
                        List.of("service/default/checkout", "service/default/frontend")),
                new RunEnded(120_000)));
        String text = JournalIo.toJsonLines(withCallers);

        assertThat(text.lines().toList().get(1)).endsWith(
                ",\"tookEffect\":true,\"upstream\":[\"service/default/checkout\",\"service/default/frontend\"]}");
        assertThat(JournalIo.parse(text, "j.jsonl")).isEqualTo(withCallers);

        // a journal written before the field existed
        Journal old = JournalIo.parse("""
                {"format":"homeostat-journal","version":1,"scenario":"s","seed":1,"engine":true}
                {"type":"FaultStarted","t":1,"fault":"f","kind":"k","end":2,"targets":[],"services":["service/default/a"],"tookEffect":true}
                {"type":"RunEnded","t":5}
                """, "old.jsonl");
        assertThat(((FaultStarted) old.events().getFirst()).upstream()).isEmpty();
    }

    @Test
    void read_rejectsUnknownTypeNamingTheLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, """
                {"format":"homeostat-journal","version":1,"scenario":"s","seed":1,"engine":false}
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
                {"format":"homeostat-journal","version":1,"scenario":"s","seed":1,"engine":false}
                {"type":"FaultEnded","t":9,"fault":"x"}
                {"type":"RunEnded","t":5}
                """, "j.jsonl"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("j.jsonl line 3: t 5 is before the previous event's t 9");
    }
}
