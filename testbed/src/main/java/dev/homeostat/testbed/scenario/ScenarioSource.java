package dev.homeostat.testbed.scenario;

import dev.homeostat.chaos.YamlDocument;
import java.nio.file.Path;

/** The scenario file being loaded and the line of every field in it (a missing field: its parent's line), for messages. */
record ScenarioSource(Path file, YamlDocument yaml) {
    ScenarioException error(String field, String problem) {
        return new ScenarioException(file, field == null ? 0 : yaml.lineOf(field), field, problem);
    }
}
