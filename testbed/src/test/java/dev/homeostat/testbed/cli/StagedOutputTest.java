package dev.homeostat.testbed.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an interrupted or failed command leaves under --out: what was there before, nothing half-written. */
class StagedOutputTest {
    @TempDir Path dir;

    @Test void closedWithoutPublish_leavesTheFolderAsItWas() throws IOException {
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("report.json"), "old");
        try (var staged = StagedOutput.open("--out", out)) {
            Files.writeString(staged.dir().resolve("report.json"), "half");
            Files.createDirectories(staged.dir().resolve("journals").resolve("a"));
            Files.writeString(staged.dir().resolve("journals").resolve("a").resolve("seed-1.engine.jsonl"), "{");
            // the command fails or is interrupted here: no publish()
        }
        try (Stream<Path> files = Files.walk(out)) {
            assertThat(files.map(out::relativize).map(Path::toString)).containsExactlyInAnyOrder("", "report.json");
        }
        assertThat(Files.readString(out.resolve("report.json"))).isEqualTo("old");
    }

    @Test void publish_movesEverythingIntoPlace_replacingWhatWasThere() throws IOException {
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("report.json"), "old");
        try (var staged = StagedOutput.open("--out", out)) {
            Files.writeString(staged.dir().resolve("report.json"), "new");
            Files.createDirectories(staged.dir().resolve("journals").resolve("a"));
            Files.writeString(staged.dir().resolve("journals").resolve("a").resolve("seed-1.engine.jsonl"), "{}");
            staged.publish();
        }
        assertThat(Files.readString(out.resolve("report.json"))).isEqualTo("new");
        assertThat(out.resolve("journals").resolve("a").resolve("seed-1.engine.jsonl")).isRegularFile();
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(StagedOutput.STAGING_PREFIX));
        }
    }
}
