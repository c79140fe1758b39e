package dev.homeostat.testbed.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.homeostat.chaos.ManifestException;
import dev.homeostat.chaos.YamlDocument;
import dev.homeostat.chaos.YamlDocuments;
import dev.homeostat.units.YamlSyntax;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Which files of a suite folder are scenarios. A folder may hold other Kubernetes-style objects beside its
 * scenarios — the Chaos Mesh manifests they name, a ConfigMap, a kustomization — so a file whose first document
 * declares another API group's {@code kind} is skipped, and said so; anything else (homeostat's own group included)
 * is read as a scenario, so a scenario with a mistake in it is reported, never skipped.
 */
final class SuiteFiles {
    private SuiteFiles() { }

    /** The {@code kind} of a file that is another object than a Scenario, if it is one. */
    static Optional<String> otherKind(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            return Optional.empty(); // the scenario loader reads it again and says what is wrong
        }
        if (YamlSyntax.check(text) != null) return Optional.empty();
        List<YamlDocument> documents;
        try {
            documents = YamlDocuments.parse(file.toString(), text);
        } catch (ManifestException e) {
            return Optional.empty();
        }
        if (documents.isEmpty()) return Optional.empty();
        JsonNode root = documents.getFirst().root();
        JsonNode apiVersion = root.get("apiVersion"), kind = root.get("kind");
        // homeostat's own group is meant as a scenario: a typo in its kind is reported, not skipped
        if (apiVersion == null || !apiVersion.isTextual() || apiVersion.asText().startsWith("homeostat.dev/")) return Optional.empty();
        if (kind == null || !kind.isTextual() || kind.asText().equals(ScenarioLoader.KIND)) return Optional.empty();
        return Optional.of(kind.asText());
    }

    /** The line that says a file was skipped. */
    static String skipped(Path file, String kind) {
        return file + ": not a Scenario (kind " + kind + "): skipped";
    }
}
