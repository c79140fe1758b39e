package dev.homeostat.testbed.shard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.testbed.cli.Homeostat;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI suite run once unsharded (A) and once as 3 shards (S0..S2); merges of those shards must give A's
 * bytes, and merges of wrong sets of folders must be refused naming the pair or field.
 */
class ShardMergeTest {
    // Relative, as a user types it: the manifests record it so, and the merge resolves it from the same working directory.
    static final String SUITE = "../scenarios/ci";

    @TempDir static Path tmp;
    static Result unsharded;

    record Result(int exitCode, String out, String err) { }

    static Result homeostat(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int code = Homeostat.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    /** {@code homeostat report merge ARGS}, through the real command line. */
    static Result merge(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int code = Homeostat.execute(new PrintWriter(out, true), new PrintWriter(err, true), Stream.concat(Stream.of("report", "merge"), Stream.of(args)).toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    static String dir(String name) {
        return tmp.resolve(name).toString();
    }

    @BeforeAll
    static void runTheSuiteUnshardedAndAsThreeShards() {
        unsharded = homeostat("run", SUITE, "--quiet", "--out", dir("A"));
        assertThat(unsharded.exitCode()).as(unsharded.err()).isLessThan(2);
        for (int i = 0; i < 3; i++) {
            var shard = homeostat("run", SUITE, "--quiet", "--shard", i + "/3", "--threads", "2", "--out", dir("S" + i));
            assertThat(shard.exitCode()).as(shard.err()).isZero();
        }
    }

    @Test
    void mergeOfThreeShards_isByteIdenticalToTheUnshardedRun_reportSummaryAndEveryJournal() throws IOException {
        var merged = merge(dir("S0"), dir("S1"), dir("S2"), "--out", dir("B"));

        assertThat(merged.exitCode()).as(merged.err()).isEqualTo(unsharded.exitCode());
        assertThat(files(tmp.resolve("B"))).isEqualTo(files(tmp.resolve("A")));
        for (Path relative : files(tmp.resolve("A")))
            assertThat(Files.readAllBytes(tmp.resolve("B").resolve(relative))).as(relative.toString())
                    .isEqualTo(Files.readAllBytes(tmp.resolve("A").resolve(relative)));
        assertThat(files(tmp.resolve("A"))).contains(Path.of("report.json"), Path.of("summary.md"));
        assertThat(merged.out()).contains("pod-kill-frontend").contains("report.json");
    }

    @Test
    void mergeInAnyOrderOfFolders_givesTheSameReport() throws IOException {
        var merged = merge(dir("S2"), dir("S0"), dir("S1"), "--out", dir("C"));

        assertThat(merged.exitCode()).as(merged.err()).isEqualTo(unsharded.exitCode());
        assertThat(Files.readAllBytes(tmp.resolve("C/report.json"))).isEqualTo(Files.readAllBytes(tmp.resolve("A/report.json")));
    }

    @Test
    void shardRun_writesJournalsAndManifest_butNoReport() {
        var manifest = ShardManifest.read(tmp.resolve("S1"));

        assertThat(tmp.resolve("S1/report.json")).doesNotExist();
        assertThat(manifest.suite()).isEqualTo("ci");
        assertThat(manifest.shard()).isEqualTo(1);
        assertThat(manifest.of()).isEqualTo(3);
        assertThat(manifest.pairs()).isNotEmpty().allSatisfy(p -> assertThat(p.index() % 3).isEqualTo(1));
        assertThat(manifest.pairs()).allSatisfy(p ->
                assertThat(tmp.resolve("S1/journals").resolve(p.scenario()).resolve("seed-" + p.seed() + ".engine.jsonl")).isRegularFile());
    }

    @Test
    void mergeWithAShardMissing_exitsTwo_namingTheMissingPairAndItsShard() {
        var merged = merge(dir("S0"), dir("S1"), "--out", dir("missing"));

        assertThat(merged.exitCode()).isEqualTo(Homeostat.EXIT_BAD_INPUT);
        assertThat(merged.err()).contains("missing: pair #2 (").contains("of shard 2/3");
        assertThat(tmp.resolve("missing")).doesNotExist();
    }

    @Test
    void mergeWithAShardGivenTwice_exitsTwo_namingTheDuplicatedPair() {
        var merged = merge(dir("S0"), dir("S1"), dir("S2"), dir("S1"), "--out", dir("twice"));

        assertThat(merged.exitCode()).isEqualTo(Homeostat.EXIT_BAD_INPUT);
        assertThat(merged.err()).contains("duplicated: pair #1 (").contains("(shard 1/3) and ");
        assertThat(tmp.resolve("twice")).doesNotExist();
    }

    @Test
    void mergeOfShardsWithDifferentN_exitsTwo_namingTheField() {
        var other = homeostat("run", SUITE, "--quiet", "--seeds", "1", "--shard", "1/2", "--out", dir("T1"));
        assertThat(other.exitCode()).as(other.err()).isZero();

        var merged = merge(dir("S0"), dir("T1"), "--out", dir("mixed"));

        assertThat(merged.exitCode()).isEqualTo(Homeostat.EXIT_BAD_INPUT);
        assertThat(merged.err()).contains("T1").contains("shard.json: of: 2, but ").contains("has 3");
    }

    @Test
    void mergeWithAJournalGone_exitsTwo_namingTheFile() throws IOException {
        Path copy = copyOf(tmp.resolve("S2"), tmp.resolve("S2-broken"));
        var pair = ShardManifest.read(copy).pairs().getFirst();
        Path journal = copy.resolve("journals").resolve(pair.scenario()).resolve("seed-" + pair.seed() + ".baseline.jsonl");
        Files.delete(journal);

        var merged = merge(dir("S0"), dir("S1"), copy.toString(), "--out", dir("gone"));

        assertThat(merged.exitCode()).isEqualTo(Homeostat.EXIT_BAD_INPUT);
        assertThat(merged.err()).contains(journal.toString()).contains("missing");
    }

    @Test
    void mergeAfterAScenarioFileChanged_exitsTwo_namingTheFile() throws IOException {
        var dirs = new ArrayList<String>();
        for (int i = 0; i < 3; i++) {
            Path copy = copyOf(tmp.resolve("S" + i), tmp.resolve("S" + i + "-stale"));
            Path manifest = copy.resolve(ShardManifest.FILE);
            String json = Files.readString(manifest);
            String sha = ShardManifest.read(copy).scenarios().getFirst().sha256();
            Files.writeString(manifest, json.replace(sha, "0".repeat(64)));
            dirs.add(copy.toString());
        }
        String changed = ShardManifest.read(tmp.resolve("S0")).scenarios().getFirst().file();

        var merged = merge(dirs.get(0), dirs.get(1), dirs.get(2), "--out", dir("stale"));

        assertThat(merged.exitCode()).isEqualTo(Homeostat.EXIT_BAD_INPUT);
        assertThat(merged.err()).contains("scenarios: " + changed + " has changed since the shards ran");
    }

    @Test
    void mergeOfAFolderWithoutManifest_exitsTwo_namingShardJson() {
        var merged = merge(dir("A"), "--out", dir("nomanifest"));

        assertThat(merged.exitCode()).isEqualTo(Homeostat.EXIT_BAD_INPUT);
        assertThat(merged.err()).contains(tmp.resolve("A/shard.json").toString()).contains("--shard I/N");
    }

    private static List<Path> files(Path root) throws IOException {
        try (var walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }

    private static Path copyOf(Path from, Path to) throws IOException {
        for (Path relative : files(from)) {
            Files.createDirectories(to.resolve(relative).getParent());
            Files.copy(from.resolve(relative), to.resolve(relative));
        }
        return to;
    }
}
