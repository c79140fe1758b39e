package dev.homeostat.testbed.detect;

import static dev.homeostat.testbed.detect.NabFixtures.csv;
import static dev.homeostat.testbed.detect.NabFixtures.tinyCorpus;
import static dev.homeostat.testbed.detect.NabFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NabDatasetTest {
    private static final Path SHARED_NAB = Path.of("/work/shared/nab");

    @TempDir Path dir;

    @Test
    void tinyCorpus_loadsSeriesSortedByNameWithUtcTimesAndWindows() throws IOException {
        tinyCorpus(dir);

        NabDataset ds = NabDataset.load(dir.resolve("data"), dir.resolve("labels.json"));

        assertThat(ds.series()).extracting(NabSeries::name).containsExactly("a/with.csv", "b/clean.csv");
        NabSeries with = ds.series().getFirst();
        assertThat(with.size()).isEqualTo(40);
        assertThat(with.times()[1]).isEqualTo(Instant.parse("2014-04-01T00:05:00Z").toEpochMilli());
        assertThat(with.values()[39]).isEqualTo(39.0);
        assertThat(with.windows()).containsExactly(new LabelWindow(
                Instant.parse("2014-04-01T01:40:00Z").toEpochMilli(), Instant.parse("2014-04-01T01:55:00Z").toEpochMilli()));
        assertThat(with.labels()).containsExactly(new int[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        assertThat(ds.series().get(1).windows()).isEmpty();
        assertThat(ds.windowCount()).isEqualTo(1);
        assertThat(ds.notes()).isEmpty();
        assertThat(ds.warnings()).isEmpty();
        assertThat(ds.categories()).containsExactly("a", "b");
    }

    @Test
    void badTimestamp_namesFileAndLine() throws IOException {
        tinyCorpus(dir);
        write(dir.resolve("data/a/with.csv"), "timestamp,value\n2014-04-01 00:00:00,1\n2014-04-01 25:00:00,2\n");

        assertThatThrownBy(() -> NabDataset.load(dir.resolve("data"), dir.resolve("labels.json")))
                .isInstanceOfSatisfying(NabDataException.class, e -> assertThat(e.line()).isEqualTo(3))
                .hasMessageContaining("with.csv:3:").hasMessageContaining("2014-04-01 25:00:00")
                .hasMessageContaining("YYYY-MM-DD HH:MM:SS");
    }

    @Test
    void nonNumericValue_namesFileAndLine() throws IOException {
        tinyCorpus(dir);
        write(dir.resolve("data/b/clean.csv"), "timestamp,value\n2014-04-01 00:00:00,1\n2014-04-01 00:05:00,2\n2014-04-01 00:10:00,abc\n");

        assertThatThrownBy(() -> NabDataset.load(dir.resolve("data"), dir.resolve("labels.json")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("clean.csv:4:").hasMessageContaining("'abc' is not a number");
    }

    @Test
    void nanOrInfinity_isRefusedNamingFileAndLine() throws IOException {
        tinyCorpus(dir);
        for (String bad : new String[] {"NaN", "nan", "inf", "-Infinity"}) {
            write(dir.resolve("data/b/clean.csv"), "timestamp,value\n2014-04-01 00:00:00,1\n2014-04-01 00:05:00," + bad + "\n");

            assertThatThrownBy(() -> NabDataset.load(dir.resolve("data"), dir.resolve("labels.json")))
                    .isInstanceOfSatisfying(NabDataException.class, e -> assertThat(e.line()).isEqualTo(3))
                    .hasMessageContaining("clean.csv:3:").hasMessageContaining("'" + bad + "' is not a finite number")
                    .hasMessageContaining("drop the row or fill the gap");
        }
    }

    @Test
    void nonUtf8File_isRefusedNamingFileLineAndFix() throws IOException {
        tinyCorpus(dir);
        byte[] latin1 = "timestamp,value\n2014-04-01 00:00:00,1\n2014-04-01 00:05:00,2 \u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Files.write(dir.resolve("data/b/clean.csv"), latin1);

        assertThatThrownBy(() -> NabDataset.load(dir.resolve("data"), dir.resolve("labels.json")))
                .isInstanceOfSatisfying(NabDataException.class, e -> assertThat(e.line()).isEqualTo(3))
                .hasMessageContaining("clean.csv:3:").hasMessageContaining("not UTF-8").hasMessageContaining("save the file as UTF-8");
    }

    @Test
    void rowsThatStepBackInTime_areKeptInFileOrderWithAWarning() throws IOException {
        tinyCorpus(dir);
        write(dir.resolve("data/b/clean.csv"), "timestamp,value\n2014-04-01 00:05:00,1\n2014-04-01 00:00:00,2\n2014-04-01 00:10:00,3\n");

        NabDataset ds = NabDataset.load(dir.resolve("data"), dir.resolve("labels.json"));

        assertThat(ds.series().get(1).values()).containsExactly(1, 2, 3);
        assertThat(ds.warnings()).singleElement().asString().contains("clean.csv:3:").contains("earlier than the row before it")
                .contains("file order");
    }

    @Test
    void wrongHeader_isLineOne() throws IOException {
        tinyCorpus(dir);
        write(dir.resolve("data/b/clean.csv"), "time;value\n");

        assertThatThrownBy(() -> NabDataset.load(dir.resolve("data"), dir.resolve("labels.json")))
                .hasMessageContaining("clean.csv:1:").hasMessageContaining("timestamp,value");
    }

    @Test
    void labelledFileMissingFromData_isAnErrorNamingIt() throws IOException {
        tinyCorpus(dir);
        Files.delete(dir.resolve("data/b/clean.csv"));
        write(dir.resolve("data/b/other.csv"), csv(10));
        write(dir.resolve("labels.json"), """
                {"a/with.csv": [], "b/clean.csv": [], "b/other.csv": []}
                """);

        assertThatThrownBy(() -> NabDataset.load(dir.resolve("data"), dir.resolve("labels.json")))
                .isInstanceOf(NabDataException.class)
                .hasMessageContaining("missing from the data").hasMessageContaining("b/clean.csv");
    }

    @Test
    void labelledFolderAbsentFromData_isSkippedWithANote() throws IOException {
        tinyCorpus(dir);
        write(dir.resolve("labels.json"), """
                {"a/with.csv": [], "b/clean.csv": [], "realTweets/Twitter_volume_AAPL.csv": [], "realTweets/Twitter_volume_FB.csv": []}
                """);

        NabDataset ds = NabDataset.load(dir.resolve("data"), dir.resolve("labels.json"));

        assertThat(ds.series()).hasSize(2);
        assertThat(ds.notes()).singleElement().asString().contains("2 file(s)").contains("'realTweets'").contains("skipped");
    }

    @Test
    void dataFileAbsentFromLabels_isAnErrorNamingIt() throws IOException {
        tinyCorpus(dir);
        write(dir.resolve("data/b/extra.csv"), csv(10));

        assertThatThrownBy(() -> NabDataset.load(dir.resolve("data"), dir.resolve("labels.json")))
                .isInstanceOf(NabDataException.class)
                .hasMessageContaining("no entry in the labels").hasMessageContaining("b/extra.csv");
    }

    @Test
    void windowLimitThatIsNoTimestampOfTheFile_isALabelsErrorOnItsLine() throws IOException {
        tinyCorpus(dir);
        write(dir.resolve("labels.json"), """
                {
                  "a/with.csv": [
                    ["2014-04-01 01:40:00.000000", "2014-04-01 01:57:00.000000"]
                  ],
                  "b/clean.csv": []
                }
                """);

        assertThatThrownBy(() -> NabDataset.load(dir.resolve("data"), dir.resolve("labels.json")))
                .isInstanceOfSatisfying(NabDataException.class, e -> assertThat(e.line()).isEqualTo(3))
                .hasMessageContaining("labels.json:3:").hasMessageContaining("a/with.csv").hasMessageContaining("2014-04-01 01:57:00")
                .hasMessageContaining("exactly row timestamps");
    }

    @Test
    void overlappingWindows_areALabelsErrorOnTheLaterOnesLine() throws IOException {
        tinyCorpus(dir);
        write(dir.resolve("labels.json"), """
                {
                  "a/with.csv": [
                    ["2014-04-01 01:40:00", "2014-04-01 01:55:00"],
                    ["2014-04-01 01:50:00", "2014-04-01 02:00:00"]
                  ],
                  "b/clean.csv": []
                }
                """);

        assertThatThrownBy(() -> NabDataset.load(dir.resolve("data"), dir.resolve("labels.json")))
                .isInstanceOfSatisfying(NabDataException.class, e -> assertThat(e.line()).isEqualTo(4))
                .hasMessageContaining("overlap");
    }

    @Test
    void malformedLabels_nameTheLabelsFileAndKey() throws IOException {
        tinyCorpus(dir);
        write(dir.resolve("labels.json"), "{\"a/with.csv\": [[\"2014-04-01 01:40:00\"]], \"b/clean.csv\": []}");
        assertThatThrownBy(() -> NabDataset.load(dir.resolve("data"), dir.resolve("labels.json")))
                .hasMessageContaining("labels.json:1:").hasMessageContaining("'a/with.csv'").hasMessageContaining("[\"start\", \"end\"]");

        write(dir.resolve("labels.json"), "{\n\"a/with.csv\": [,\n}");
        assertThatThrownBy(() -> NabDataset.load(dir.resolve("data"), dir.resolve("labels.json")))
                .isInstanceOfSatisfying(NabDataException.class, e -> assertThat(e.line()).isEqualTo(2))
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void missingDataFolder_isNamed() {
        assertThatThrownBy(() -> NabDataset.load(dir.resolve("nope"), dir.resolve("labels.json")))
                .isInstanceOf(NabDataException.class).hasMessageContaining("nope").hasMessageContaining("data folder not found");
    }

    @Test
    void sharedNabSubset_loadsEveryFileWithItsWindows() throws IOException {
        assumeTrue(Files.isDirectory(SHARED_NAB.resolve("data")), "the NAB subset lives in /work/shared/nab");
        Path data = SHARED_NAB.resolve("data");
        Path labelsFile = SHARED_NAB.resolve("labels/combined_windows.json");

        NabDataset ds = NabDataset.load(data, labelsFile);

        // Expected counts from the files themselves: every CSV one folder down, and its windows in the JSON.
        JsonNode labels = new ObjectMapper().readTree(labelsFile.toFile());
        int files = 0, windows = 0, points = 0, clean = 0;
        try (Stream<Path> csvs = Files.walk(data, 2)) {
            for (Path csv : csvs.filter(p -> p.toString().endsWith(".csv")).toList()) {
                files++;
                int w = labels.get(data.relativize(csv).toString().replace('\\', '/')).size();
                windows += w;
                if (w == 0) clean++;
                try (Stream<String> lines = Files.lines(csv)) {
                    points += (int) lines.skip(1).filter(l -> !l.isBlank()).count();
                }
            }
        }
        assertThat(ds.series()).hasSize(files).isNotEmpty();
        assertThat(ds.windowCount()).isEqualTo(windows).isPositive();
        assertThat(ds.pointCount()).isEqualTo(points);
        assertThat(ds.series().stream().filter(s -> s.windows().isEmpty()).count()).isEqualTo(clean).isPositive();
        assertThat(ds.notes()).allSatisfy(n -> assertThat(n).contains("skipped"));
        assertThat(ds.warnings()).isEmpty();
    }
}
