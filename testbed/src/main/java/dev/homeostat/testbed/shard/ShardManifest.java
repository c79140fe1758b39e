package dev.homeostat.testbed.shard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.homeostat.reports.AtomicFiles;
import dev.homeostat.testbed.run.LoadedSuite;
import dev.homeostat.testbed.run.SuitePair;
import dev.homeostat.testbed.scenario.Scenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code shard.json}: what one shard of a suite ran, written into its output folder after its journals
 * (so a folder with a manifest is complete). {@code source} and each scenario {@code file} are the paths
 * as the run was given them — relative to its working directory unless given absolute — so
 * {@code report merge}, run from the same working directory (in a Job: the image's WORKDIR), loads the
 * very same scenarios; {@code sha256} catches a scenario file changed between the runs and the merge.
 */
public record ShardManifest(String format, int version, String suite, String source, Integer seeds, int shard, int of,
                            List<ScenarioFile> scenarios, List<Pair> pairs) {
    public static final String FILE = "shard.json";
    public static final String FORMAT = "homeostat-shard";
    public static final int VERSION = 1;

    /** One scenario of the suite: its name, its file and the SHA-256 of the file's bytes. */
    public record ScenarioFile(String name, String file, String sha256) { }

    /** One pair this shard ran: its index in the suite's enumeration, the scenario's name and the seed. */
    public record Pair(int index, String scenario, long seed) { }

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .build();

    public ShardManifest {
        scenarios = scenarios == null ? null : List.copyOf(scenarios);
        pairs = pairs == null ? null : List.copyOf(pairs);
    }

    /** The manifest of {@code shard} of {@code suite}, which ran {@code ran}. */
    public static ShardManifest of(LoadedSuite suite, Shard shard, List<SuitePair> ran) {
        return new ShardManifest(FORMAT, VERSION, suite.name(), suite.source().toString(), suite.seedCount(),
                shard.index(), shard.count(), files(suite.scenarios()),
                ran.stream().map(p -> new Pair(p.index(), p.scenario().name(), p.seed())).toList());
    }

    /** The suite's scenario files as a manifest lists them (merge compares these with what it loads). */
    public static List<ScenarioFile> files(List<Scenario> scenarios) {
        return scenarios.stream().map(s -> new ScenarioFile(s.name(), s.source().toString(), sha256(s.source()))).toList();
    }

    public Shard shardOf() {
        return new Shard(shard, of);
    }

    /** Writes {@code dir/shard.json} atomically and returns its path. */
    public Path write(Path dir) {
        Path file = dir.resolve(FILE);
        DefaultIndenter lf = new DefaultIndenter("  ", "\n");
        var pretty = new DefaultPrettyPrinter();
        pretty.indentObjectsWith(lf);
        pretty.indentArraysWith(lf);
        try {
            AtomicFiles.write(file, (MAPPER.writer(pretty).writeValueAsString(this) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + FILE, e);
        }
        return file;
    }

    /** Reads {@code dir/shard.json}; a missing or malformed manifest is bad input naming the file and the fix. */
    public static ShardManifest read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file))
            throw new IllegalArgumentException(file + ": no shard manifest; give the folders written by 'homeostat run SUITE --shard I/N --out DIR'"
                    + (Files.isDirectory(dir) ? "" : " (" + dir + " is not a folder)"));
        ShardManifest m;
        try {
            m = MAPPER.readValue(file.toFile(), ShardManifest.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": malformed shard manifest (" + dev.homeostat.reports.JsonText.problem(e)
                    + "); it is written by 'homeostat run --shard' — run the shard again rather than editing it", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (!FORMAT.equals(m.format()) || m.version() != VERSION)
            throw new IllegalArgumentException(file + ": format: " + m.format() + " version " + m.version()
                    + " is not a shard manifest this build reads; expected format " + FORMAT + " version " + VERSION);
        if (m.suite() == null || m.source() == null || m.scenarios() == null || m.pairs() == null)
            throw new IllegalArgumentException(file + ": suite, source, scenarios and pairs are required; run the shard again");
        if (m.of() < 1 || m.shard() < 0 || m.shard() >= m.of())
            throw new IllegalArgumentException(file + ": shard/of: " + m.shard() + "/" + m.of() + " is not a shard (need 0 <= shard < of)");
        return m;
    }

    static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
