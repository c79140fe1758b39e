package dev.homeostat.testbed.shard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** deploy/suite-job.yaml: the Indexed Job that runs the CI suite in shards, and the merge after it. */
class SuiteJobManifestTest {
    static final Path FILE = Path.of("..", "deploy", "suite-job.yaml");
    static List<JsonNode> documents;

    @BeforeAll
    static void parse() throws IOException {
        documents = new ArrayList<>();
        try (var it = new YAMLMapper().readerFor(JsonNode.class).<JsonNode>readValues(FILE.toFile())) {
            while (it.hasNext()) documents.add(it.next());
        }
    }

    static JsonNode job(String name) {
        return documents.stream().filter(d -> d.path("kind").asText().equals("Job") && d.path("metadata").path("name").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no Job " + name + " in " + FILE));
    }

    static String command(JsonNode container) {
        var parts = new ArrayList<String>();
        container.path("command").forEach(n -> parts.add(n.asText()));
        container.path("args").forEach(n -> parts.add(n.asText()));
        return String.join(" ", parts);
    }

    static String env(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) if (e.path("name").asText().equals(name)) return e.path("value").asText();
        throw new AssertionError("no env " + name);
    }

    @Test
    void shardJob_isAnIndexedBatchJob_runningOneShardPerCompletionIndex() {
        JsonNode job = job("homeostat-suite");
        JsonNode container = job.path("spec").path("template").path("spec").path("containers").get(0);
        String command = command(container);

        assertThat(job.path("apiVersion").asText()).isEqualTo("batch/v1");
        assertThat(job.path("spec").path("completionMode").asText()).isEqualTo("Indexed");
        assertThat(job.path("spec").path("parallelism").asInt()).isPositive();
        assertThat(command).startsWith("/bin/sh -c ").contains("homeostat run scenarios/ci").contains("--shard").contains("JOB_COMPLETION_INDEX");
        int completions = job.path("spec").path("completions").asInt();
        assertThat(env(container, "SHARDS")).isEqualTo(Integer.toString(completions));
    }

    @Test
    void shardArgument_expandsToAValidShardForEveryCompletionIndex() {
        JsonNode job = job("homeostat-suite");
        JsonNode container = job.path("spec").path("template").path("spec").path("containers").get(0);
        int completions = job.path("spec").path("completions").asInt();
        String command = command(container);
        String template = command.substring(command.indexOf("--shard ") + "--shard ".length()).split("\\s+")[0];

        for (int i = 0; i < completions; i++) {
            String expanded = template.replace("\"", "").replace("${JOB_COMPLETION_INDEX}", Integer.toString(i))
                    .replace("${SHARDS}", env(container, "SHARDS"));
            assertThat(Shard.parse(expanded)).isEqualTo(new Shard(i, completions));
        }
    }

    @Test
    void shardsAndMerge_shareTheResultsClaim_andTheMergeJoinsEveryShardFolder() {
        JsonNode shards = job("homeostat-suite").path("spec").path("template").path("spec");
        JsonNode merge = job("homeostat-suite-merge").path("spec").path("template").path("spec");
        String claim = documents.stream().filter(d -> d.path("kind").asText().equals("PersistentVolumeClaim"))
                .map(d -> d.path("metadata").path("name").asText()).findFirst().orElseThrow();

        assertThat(shards.path("volumes").get(0).path("persistentVolumeClaim").path("claimName").asText()).isEqualTo(claim);
        assertThat(merge.path("volumes").get(0).path("persistentVolumeClaim").path("claimName").asText()).isEqualTo(claim);
        assertThat(command(merge.path("containers").get(0))).contains("homeostat report merge").contains("/results/shard-").contains("--out /results/merged");
        assertThat(command(merge.path("initContainers").get(0))).contains("shard.json");
        assertThat(env(merge.path("containers").get(0), "SHARDS")).isEqualTo(job("homeostat-suite").path("spec").path("completions").asText());
    }
}
